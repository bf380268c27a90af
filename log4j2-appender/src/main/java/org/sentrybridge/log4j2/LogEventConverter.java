package org.sentrybridge.log4j2;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.MutableLogEvent;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.message.ReusableMessage;
import org.apache.logging.log4j.message.ReusableParameterizedMessage;
import org.apache.logging.log4j.util.ReadOnlyStringMap;
import org.sentrybridge.event.BreadcrumbRing;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.LogLevel;
import org.sentrybridge.event.LogRecord;
import org.sentrybridge.event.MessageTemplates;
import org.sentrybridge.scope.TraceIds;

/**
 * Copies a Log4j2 {@link LogEvent} into the neutral {@link LogRecord}. Everything is read from the
 * event, never from the current thread: with async loggers and the {@code <Async>} appender the
 * appending thread is not the one that logged.
 */
final class LogEventConverter {

  private LogEventConverter() {}

  /** Custom levels fall into the standard level whose band they are in. */
  static LogLevel level(Level level) {
    int value = level.intLevel();
    if (value <= Level.FATAL.intLevel()) {
      return LogLevel.FATAL;
    } else if (value <= Level.ERROR.intLevel()) {
      return LogLevel.ERROR;
    } else if (value <= Level.WARN.intLevel()) {
      return LogLevel.WARN;
    } else if (value <= Level.INFO.intLevel()) {
      return LogLevel.INFO;
    } else if (value <= Level.DEBUG.intLevel()) {
      return LogLevel.DEBUG;
    }
    return LogLevel.TRACE;
  }

  static Instant timestamp(LogEvent event) {
    org.apache.logging.log4j.core.time.Instant instant = event.getInstant();
    return Instant.ofEpochSecond(instant.getEpochSecond(), instant.getNanoOfSecond());
  }

  /** The log event's time in nanoseconds since the epoch, read without making an object. */
  static long epochNanos(LogEvent event) {
    org.apache.logging.log4j.core.time.Instant instant = event.getInstant();
    return BreadcrumbRing.epochNanos(instant.getEpochSecond(), instant.getNanoOfSecond());
  }

  /**
   * The call site, when Log4j2 took it on the logging thread ({@code includeLocation="true"}): one
   * frame. Asking for it otherwise would compute it here, on the wrong thread.
   */
  static StackTraceElement[] callerData(LogEvent event) {
    if (!event.isIncludeLocation()) {
      return null;
    }
    StackTraceElement source = event.getSource();
    return source == null ? null : new StackTraceElement[] {source};
  }

  /** The trace id the logging thread left in the event's context data, or null. */
  static String traceId(LogEvent event) {
    ReadOnlyStringMap data = event.getContextData();
    return data == null ? null : data.getValue(TraceIds.TRACE_ID_KEY);
  }

  /**
   * True for messages made of a {@code {}} template and arguments, which format as SLF4J's do: the
   * formatting can wait until an event takes the line.
   */
  static boolean isParameterized(Message message, Object[] parameters) {
    return message instanceof ParameterizedMessage
        || message instanceof ReusableParameterizedMessage
        || isCopiedParameterizedMessage(message, parameters);
  }

  /** The message's parameters; null for none, without the empty copy a reusable message makes. */
  static Object[] parameters(Message message) {
    if (message == null
        || (message instanceof ReusableMessage
            && ((ReusableMessage) message).getParameterCount() == 0)) {
      return null;
    }
    return message.getParameters();
  }

  /**
   * Garbage-free logging hands the appender a {@link MutableLogEvent} as the message, holding the
   * template and a copy of the parameters of the reusable message it took: a {@code {}} template
   * with parameters came from a {@code ReusableParameterizedMessage}. A {@code ReusableObjectMessage}
   * of a string has that string as its template and its one parameter: it is left to be formatted.
   */
  private static boolean isCopiedParameterizedMessage(Message message, Object[] parameters) {
    if (!(message instanceof MutableLogEvent) || parameters == null || parameters.length == 0) {
      return false;
    }
    String template = message.getFormat();
    return template != null
        && template.indexOf("{}") >= 0
        && !(parameters.length == 1 && parameters[0] == template);
  }

  static String formattedMessage(LogEvent event) {
    Message message = event.getMessage();
    return message == null ? null : message.getFormattedMessage();
  }

  static LogRecord toRecord(LogEvent event, LogLevel level) {
    return toRecord(event, level, parameters(event.getMessage()));
  }

  /**
   * The neutral snapshot of the event, with the message's {@link #parameters} as the caller has
   * already read them (a reusable message copies them on every read).
   */
  static LogRecord toRecord(LogEvent event, LogLevel level, Object[] parameters) {
    return toRecord(event, level, parameters, true, null);
  }

  /**
   * {@link #toRecord(LogEvent, LogLevel, Object[])} for a line that only becomes a Sentry log entry
   * (and maybe a breadcrumb) on the logging thread: of the context data it keeps only the keys
   * {@code contextTags} selects, as {@code LogEventForwarder#logEntryContext} gives them (none:
   * nothing copied), and not the context stack. An error's record keeps all of it.
   */
  static LogRecord toLogEntryRecord(
      LogEvent event, LogLevel level, Object[] parameters, CaptureRules contextTags) {
    return toRecord(event, level, parameters, false, contextTags);
  }

  private static LogRecord toRecord(
      LogEvent event,
      LogLevel level,
      Object[] parameters,
      boolean wholeContext,
      CaptureRules contextTags) {
    Throwable thrown = event.getThrown();
    LogRecord.Builder record =
        LogRecord.builder(level, event.getLoggerName())
            .throwable(thrown)
            .thread(event.getThreadName(), event.getThreadId())
            .timestamp(timestamp(event));
    Message message = event.getMessage();
    if (message != null) {
      String template = message.getFormat();
      Object[] logged = arguments(parameters, template, thrown);
      if (template != null
          && template.indexOf('\\') < 0
          && isParameterized(message, parameters)
          && MessageTemplates.settled(logged) == logged) {
        // a {} template (no escapes) whose arguments' text cannot change: formatted on the
        // delivery thread, the same text Log4j2 would make of them now
        record.message(template, null);
        if (logged != parameters || message instanceof MutableLogEvent) {
          record.ownedArguments(logged); // a copy made for this event alone
        } else {
          record.arguments(logged);
        }
      } else {
        String formatted = message.getFormattedMessage();
        record.message(template == null || template.isEmpty() ? formatted : template, formatted);
        record.arguments(logged);
      }
    }
    if (wholeContext || contextTags != null) {
      ReadOnlyStringMap contextData = event.getContextData();
      if (contextData != null && !contextData.isEmpty()) {
        record.contextData(
            wholeContext ? contextData.toMap() : selected(contextData, contextTags));
      }
    }
    if (wholeContext) {
      ThreadContext.ContextStack stack = event.getContextStack();
      if (stack != null && stack.getDepth() > 0) {
        record.contextStack(new ArrayList<>(stack.asList()));
      }
    }
    if (event.getMarker() != null) {
      record.markers(markerNames(event.getMarker()));
    }
    return record.build();
  }

  /** The entries of {@code data} whose keys {@code contextTags} selects. */
  private static Map<String, String> selected(ReadOnlyStringMap data, CaptureRules contextTags) {
    Map<String, String> selected = new TreeMap<>();
    data.forEach(
        (key, value) -> {
          if (contextTags.isContextTag(key)) {
            selected.put(key, value == null ? null : String.valueOf(value));
          }
        });
    return selected.isEmpty() ? Collections.emptyMap() : selected;
  }

  /**
   * The parameters as logged, without the trailing throwable Log4j2 took as the event's exception
   * (it is sent as the exception, not as a parameter).
   */
  static Object[] arguments(Object[] parameters, String template, Throwable thrown) {
    if (parameters == null || parameters.length == 0) {
      return parameters;
    }
    int last = parameters.length - 1;
    if (thrown != null
        && parameters[last] == thrown
        && (template == null
            || parameters.length > ParameterizedMessage.countArgumentPlaceholders(template))) {
      return Arrays.copyOf(parameters, last);
    }
    return parameters;
  }

  /** The marker, then its parents breadth-first, each name once. */
  static List<String> markerNames(Marker marker) {
    Set<String> names = new LinkedHashSet<>();
    Deque<Marker> pending = new ArrayDeque<>();
    pending.add(marker);
    while (!pending.isEmpty()) {
      Marker current = pending.poll();
      if (names.add(current.getName()) && current.hasParents()) {
        pending.addAll(Arrays.asList(current.getParents()));
      }
    }
    return new ArrayList<>(names);
  }
}
