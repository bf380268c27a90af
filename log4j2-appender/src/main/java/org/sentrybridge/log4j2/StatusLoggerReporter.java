package org.sentrybridge.log4j2;

import org.apache.logging.log4j.status.StatusLogger;
import org.sentrybridge.StatusReporter;

/** Reports what sentry-bridge does through Log4j2's own status channel, never through appenders. */
final class StatusLoggerReporter implements StatusReporter {

  private static final StatusLogger STATUS = StatusLogger.getLogger();

  private final String prefix;

  StatusLoggerReporter(String appenderName) {
    this.prefix = "SentryBridge appender '" + appenderName + "': ";
  }

  @Override
  public void info(String message) {
    STATUS.info(prefix + message);
  }

  @Override
  public void warn(String message) {
    STATUS.warn(prefix + message);
  }

  @Override
  public void error(String message, Throwable cause) {
    if (cause == null) {
      STATUS.error(prefix + message);
    } else {
      STATUS.error(prefix + message, cause);
    }
  }
}
