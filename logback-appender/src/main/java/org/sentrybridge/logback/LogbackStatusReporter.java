package org.sentrybridge.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.core.spi.ContextAware;
import org.sentrybridge.StatusReporter;

/**
 * Sends sentry-bridge's own messages to Logback's status channel, as the appender's, and the lines
 * people must see (notices, warnings, errors) also to the application's log through the logger
 * {@code org.sentrybridge} (see {@link ContextLifecycle#log}).
 */
final class LogbackStatusReporter implements StatusReporter {

  private final ContextAware owner;
  private final ContextLifecycle lifecycle;

  /** {@code lifecycle} may be null: then the lines stay on the status channel. */
  LogbackStatusReporter(ContextAware owner, ContextLifecycle lifecycle) {
    this.owner = owner;
    this.lifecycle = lifecycle;
  }

  @Override
  public void info(String message) {
    owner.addInfo(message);
  }

  @Override
  public void notice(String message) {
    owner.addInfo(message);
    toLog(Level.INFO, message);
  }

  @Override
  public void warn(String message) {
    owner.addWarn(message);
    toLog(Level.WARN, message);
  }

  @Override
  public void error(String message, Throwable cause) {
    if (cause == null) {
      owner.addError(message);
    } else {
      owner.addError(message, cause);
    }
    toLog(Level.ERROR, message);
  }

  private void toLog(Level level, String message) {
    if (lifecycle != null) {
      lifecycle.log(level, message);
    }
  }
}
