package org.sentrybridge.testing;

/**
 * How a backend's test logs a line, so that a scenario shared by the Logback and Log4j2 tests can
 * log through either: the framework's {@code level(String template, Object... arguments)} method, as
 * a method reference such as {@code log::error}.
 */
@FunctionalInterface
public interface LogCall {
  /**
   * Logs one line.
   *
   * @param template the message template with {@code {}} placeholders
   * @param arguments the arguments, a throwable last
   */
  void log(String template, Object... arguments);
}
