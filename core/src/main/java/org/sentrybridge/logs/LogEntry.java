package org.sentrybridge.logs;

import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.LogRecord;

/**
 * What the logging thread hands over for one Sentry log entry: the log event's snapshot, the
 * logging thread's trace and span id (null when unknown), and the appender's rules and metadata
 * choice. Formatting and the building of the entry wait for the logs sender thread.
 *
 * @param record the log event, copied off the framework's mutable objects
 * @param typedArguments the arguments that are numbers or booleans, in position (null elsewhere),
 *     sent with their type as the official appenders do; null when there is none
 * @param traceId the logging thread's trace id (32 hex digits); null when unknown
 * @param spanId the logging thread's span id (16 hex digits); null when unknown
 * @param rules the appender's rules ({@code contextTags}, origin)
 * @param sendMetadata false: timestamp, level, body, template and parameters only
 */
public record LogEntry(
    LogRecord record,
    Object[] typedArguments,
    String traceId,
    String spanId,
    CaptureRules rules,
    boolean sendMetadata) {

  /**
   * The arguments that keep their type in a log entry: integers, finite floating-point numbers and
   * booleans (immutable, so they may wait for the logs thread), in position; null when there is
   * none. Anything else is sent as the text the record holds.
   *
   * @param arguments the log call's arguments; null for none
   * @param count how many of them are message arguments (a trailing throwable is not)
   * @return the typed arguments in position, or null
   */
  public static Object[] typed(Object[] arguments, int count) {
    if (arguments == null || count == 0) {
      return null;
    }
    Object[] typed = null;
    for (int i = 0; i < Math.min(count, arguments.length); i++) {
      Object argument = arguments[i];
      if (isTyped(argument)) {
        if (typed == null) {
          typed = new Object[count];
        }
        typed[i] = argument;
      }
    }
    return typed;
  }

  private static boolean isTyped(Object argument) {
    if (argument instanceof Integer
        || argument instanceof Long
        || argument instanceof Short
        || argument instanceof Byte
        || argument instanceof Boolean) {
      return true;
    }
    // JSON has no NaN or infinity: those stay text
    return (argument instanceof Double && Double.isFinite((Double) argument))
        || (argument instanceof Float && Float.isFinite((Float) argument));
  }
}
