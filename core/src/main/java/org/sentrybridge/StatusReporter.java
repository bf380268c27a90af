package org.sentrybridge;

/**
 * Where sentry-bridge reports what it does: each appender adapts this to its framework's own status
 * channel (Logback {@code addInfo/addWarn/addError}, Log4j2 {@code StatusLogger}). Messages never
 * contain a DSN's keys.
 */
public interface StatusReporter {

  void info(String message);

  void warn(String message);

  void error(String message, Throwable cause);

  default void error(String message) {
    error(message, null);
  }

  /** A reporter that writes to {@code System.err}, for use outside any logging framework. */
  static StatusReporter stderr() {
    return StderrStatusReporter.INSTANCE;
  }
}
