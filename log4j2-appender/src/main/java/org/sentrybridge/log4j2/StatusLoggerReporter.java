package org.sentrybridge.log4j2;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.status.StatusLogger;
import org.sentrybridge.StatusReporter;

/**
 * Reports what sentry-bridge does through Log4j2's own status channel, never through appenders,
 * and the lines people must see (notices, warnings, errors) also to the application's log through
 * the logger {@code org.sentrybridge} (see {@link ApplicationLog}).
 */
final class StatusLoggerReporter implements StatusReporter {

  private static final StatusLogger STATUS = StatusLogger.getLogger();

  private final String prefix;
  private final ApplicationLog log;

  /**
   * {@code configuration}: the one the appender belongs to; null keeps the lines on the status
   * channel.
   */
  StatusLoggerReporter(String appenderName, Configuration configuration) {
    this.prefix = "SentryBridge appender '" + appenderName + "': ";
    this.log = ApplicationLog.of(configuration);
  }

  @Override
  public void info(String message) {
    STATUS.info(prefix + message);
  }

  @Override
  public void notice(String message) {
    STATUS.info(prefix + message);
    toLog(Level.INFO, message);
  }

  @Override
  public void warn(String message) {
    STATUS.warn(prefix + message);
    toLog(Level.WARN, message);
  }

  @Override
  public void error(String message, Throwable cause) {
    if (cause == null) {
      STATUS.error(prefix + message);
    } else {
      STATUS.error(prefix + message, cause);
    }
    toLog(Level.ERROR, message);
  }

  private void toLog(Level level, String message) {
    if (log != null) {
      log.log(level, prefix + message);
    }
  }
}
