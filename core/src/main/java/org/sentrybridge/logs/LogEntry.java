package org.sentrybridge.logs;

import io.sentry.IScopes;
import io.sentry.SpanId;
import io.sentry.protocol.SentryId;
import io.sentry.protocol.User;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.LogRecord;

/**
 * One Sentry log entry as the logs sender thread takes it from the queue: the log event's snapshot,
 * the logging thread's trace and span id (null when unknown) and its scope's user, and the
 * appender's rules and metadata choice. The logging thread hands these over in a queue slot, not
 * as an object ({@link LogsPipeline#offer}); formatting and the building of the entry wait for
 * the logs thread. The ids and the user are the SDK's own objects, as the logging thread's scope
 * holds them: their text is made (once per id, by the SDK) on the logs thread.
 *
 * @param record the log event, copied off the framework's mutable objects
 * @param typedArguments the arguments that are numbers or booleans and that {@code record} keeps
 *     only as text, in position (null elsewhere), sent with their type as the official appenders
 *     do; null when there is none. Numbers and booleans the record keeps as they were logged are
 *     taken from the record.
 * @param scope the logging thread's trace and span id, its scope's user and, when they have event
 *     processors of their own, its scopes, as the logging thread handed them over; null when none
 *     is known
 * @param source the appender's rules and metadata choice, shared by its entries
 */
public record LogEntry(
    LogRecord record, Object[] typedArguments, LogScope scope, Source source) {

  /** The logging thread's trace id; null when unknown. */
  public SentryId traceId() {
    return scope == null ? null : scope.traceId;
  }

  /** The logging thread's span id; null when unknown. */
  public SpanId spanId() {
    return scope == null ? null : scope.spanId;
  }

  /**
   * The logging thread's Sentry scopes, whose event processors run for the entry; null when not
   * known (behind asynchronous appenders and loggers, {@code captureScope=false}) or when neither
   * their current nor their isolation scope had processors: then the global scope's run.
   */
  public IScopes scopes() {
    return scope == null ? null : scope.scopes;
  }

  /**
   * The user of the logging thread's Sentry scope, as the scope held it (the SDK's object, not a
   * copy, as with errors); null when none or unknown.
   */
  public User user() {
    return scope == null ? null : scope.user;
  }

  /**
   * What every entry of one appender shares: its rules and its metadata choice, made once per
   * appender so that handing an entry over makes no object of its own.
   *
   * @param rules the appender's rules ({@code contextTags}, origin)
   * @param sendMetadata false: timestamp, level, body, template and parameters only
   */
  public record Source(CaptureRules rules, boolean sendMetadata) {}

  /**
   * The arguments that keep their type in a log entry ({@link #typedValue}: numbers and booleans,
   * taken now so that they may wait for the logs thread), in position; null when there is none.
   * Anything else is sent as the text the record holds.
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
      Object value = typedValue(arguments[i]);
      if (value != null) {
        if (typed == null) {
          typed = new Object[count];
        }
        typed[i] = value;
      }
    }
    return typed;
  }

  /**
   * {@link #typed(Object[], int)} for what {@code record} does not keep itself: an argument that is
   * a number or a boolean is in the record as it was logged (its text cannot change), and the logs
   * thread takes it from there ({@link LogRecord#argument}). Only a number or boolean the record
   * holds as text ({@link #typedValue}) needs a place here (when another argument's text could change, the record keeps
   * every argument as text): usually none, and the logging thread makes no array.
   *
   * @param arguments the log call's arguments; null for none
   * @param record the record made of them
   * @return the typed arguments the record does not keep, in position, or null
   */
  public static Object[] typed(Object[] arguments, LogRecord record) {
    int count = record.argumentCount();
    if (arguments == null || count == 0) {
      return null;
    }
    Object[] typed = null;
    for (int i = 0; i < Math.min(count, arguments.length); i++) {
      Object argument = arguments[i];
      if (record.argument(i) != argument) {
        Object value = typedValue(argument);
        if (value != null) {
          if (typed == null) {
            typed = new Object[count];
          }
          typed[i] = value;
        }
      }
    }
    return typed;
  }

  /**
   * The value an argument is sent with when it keeps its type, taken now: the argument itself
   * when it cannot change ({@link #isTyped}, {@code BigInteger}, {@code BigDecimal}), an atomic
   * number's value at this moment; null when the argument is sent as text. The types are those the
   * SDK gives an attribute ({@code SentryAttributeType.inferFrom}): the atomic numbers and {@code
   * BigInteger} as integers, {@code BigDecimal} as a double. Exact classes only: a subclass could
   * change.
   *
   * @param argument one argument; may be null
   * @return its typed value, or null
   */
  static Object typedValue(Object argument) {
    if (argument == null || isTyped(argument)) {
      return argument;
    }
    Class<?> type = argument.getClass();
    if (type == AtomicInteger.class) {
      return ((AtomicInteger) argument).get();
    } else if (type == AtomicLong.class) {
      return ((AtomicLong) argument).get();
    } else if (type == BigInteger.class || type == BigDecimal.class) {
      return argument;
    }
    return null;
  }

  /**
   * True for an argument sent with its type: an integer, a finite floating-point number, a boolean.
   *
   * @param argument one argument; may be null
   * @return true when it keeps its type in a log entry
   */
  static boolean isTyped(Object argument) {
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
