package org.sentrybridge;

/**
 * Where sentry-bridge reports what it does: each appender adapts this to its framework's own status
 * channel (Logback {@code addInfo/addWarn/addError}, Log4j2 {@code StatusLogger}) and also writes
 * the lines people must see ({@link #notice}, {@link #warn}, {@link #error}) to the application's
 * own log, through the logger {@code org.sentrybridge}. Messages never contain a DSN's keys.
 */
public interface StatusReporter {

  /**
   * A line for the status channel only, such as "sentry-bridge sends errors to ...".
   *
   * @param message the text, without DSN keys
   */
  void info(String message);

  /**
   * An informational line people must see, such as the no-DSN line: like {@link #info}, and the
   * appenders also write it to the application's log. By default the same as {@link #info}.
   *
   * @param message the text, without DSN keys
   */
  default void notice(String message) {
    info(message);
  }

  /**
   * Something people must see: a drop, events kept on disk, a configuration problem.
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
   * A configuration problem: a warning, so that a bad setting never stops the application from
   * starting (Spring Boot aborts start-up on any Logback status error); an error when {@code
   * fatal}, which is what {@code failOnConfigurationError=true} asks for.
   *
   * @param message the text, without DSN keys
   * @param fatal true to report it as an error
   */
  default void problem(String message, boolean fatal) {
    if (fatal) {
      error(message);
    } else {
      warn(message);
    }
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
