package org.sentrybridge.logback;

import ch.qos.logback.core.spi.ContextAware;
import org.sentrybridge.StatusReporter;

/** Sends sentry-bridge's own messages to Logback's status channel, as the appender's. */
final class LogbackStatusReporter implements StatusReporter {

  private final ContextAware owner;

  LogbackStatusReporter(ContextAware owner) {
    this.owner = owner;
  }

  @Override
  public void info(String message) {
    owner.addInfo(message);
  }

  @Override
  public void warn(String message) {
    owner.addWarn(message);
  }

  @Override
  public void error(String message, Throwable cause) {
    if (cause == null) {
      owner.addError(message);
    } else {
      owner.addError(message, cause);
    }
  }
}
