package org.sentrybridge;

/**
 * Where sentry-bridge reports what it does: each appender adapts this to its framework's own status
 * channel (Logback {@code addInfo/addWarn/addError}, Log4j2 {@code StatusLogger}). Messages never
 * contain a DSN's keys.
 */
public interface StatusReporter {

  /**
   * Reports a state change (started, disabled, ...).
   *
   * @param message the text, without DSN keys
   */
  void info(String message);

  /**
   * Reports something that needs attention while the integration goes on (events dropped, ...).
   *
   * @param message the text, without DSN keys
   */
  void warn(String message);

  /**
   * Reports a problem that disables the integration or part of it (a bad setting, ...).
   *
   * @param message the text, without DSN keys
   * @param cause the exception behind it; null for none
   */
  void error(String message, Throwable cause);

  /**
   * {@link #error(String, Throwable)} without an exception.
   *
   * @param message the text, without DSN keys
   */
  default void error(String message) {
    error(message, null);
  }

  /**
   * A reporter that writes to {@code System.err}, for use outside any logging framework.
   *
   * @return the shared instance
   */
  static StatusReporter stderr() {
    return StderrStatusReporter.INSTANCE;
  }
}
