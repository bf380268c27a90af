package org.sentrybridge.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.sentrybridge.event.LogLevel;
import org.sentrybridge.event.LogRecord;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/** Reads a Logback {@link ILoggingEvent} into sentry-bridge's neutral terms. */
final class LogbackEvents {

  private LogbackEvents() {}

  static LogLevel level(Level level) {
    switch (level.toInt()) {
      case Level.ERROR_INT:
        return LogLevel.ERROR;
      case Level.WARN_INT:
        return LogLevel.WARN;
      case Level.INFO_INT:
        return LogLevel.INFO;
      case Level.DEBUG_INT:
        return LogLevel.DEBUG;
      default:
        return LogLevel.TRACE;
    }
  }

  /** The logged throwable, or null when none (or the event was deserialised without it). */
  static Throwable throwable(ILoggingEvent event) {
    IThrowableProxy proxy = event.getThrowableProxy();
    return proxy instanceof ThrowableProxy ? ((ThrowableProxy) proxy).getThrowable() : null;
  }

  /**
   * The neutral snapshot of the event. Thread name, MDC and timestamp come from the event, not the
   * current thread, so this is right behind an {@code AsyncAppender} too.
   */
  static LogRecord toRecord(ILoggingEvent event, LogLevel level, Throwable throwable) {
    String threadName = event.getThreadName();
    boolean onLoggingThread = isOnLoggingThread(event);
    LogRecord.Builder record =
        LogRecord.builder(level, event.getLoggerName())
            // on the logging thread, formatting is left to the delivery thread; behind an
            // AsyncAppender the event was already formatted when it was queued: take that text
            .message(event.getMessage(), onLoggingThread ? null : event.getFormattedMessage())
            .arguments(event.getArgumentArray())
            .throwable(throwable)
            .thread(threadName, onLoggingThread ? Thread.currentThread().getId() : 0L)
            .timestamp(instant(event));
    Map<String, String> mdc = event.getMDCPropertyMap();
    if (mdc != null && !mdc.isEmpty()) {
      record.contextData(new TreeMap<>(mdc));
    }
    record.markers(markerNames(event.getMarkerList()));
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    if (pairs != null) {
      for (KeyValuePair pair : pairs) {
        record.keyValue(pair.key, pair.value);
      }
    }
    return record.build();
  }

  /**
   * True when the appender runs on the thread that logged (not behind an {@code AsyncAppender},
   * which formats the message before it queues the event).
   */
  static boolean isOnLoggingThread(ILoggingEvent event) {
    return Thread.currentThread().getName().equals(event.getThreadName());
  }

  /** When the event was logged; events made by hand may carry only the millisecond timestamp. */
  static Instant instant(ILoggingEvent event) {
    Instant instant = event.getInstant();
    return instant != null ? instant : Instant.ofEpochMilli(event.getTimeStamp());
  }

  /** Every marker's name, with the markers it references, each once, in order. */
  static List<String> markerNames(List<Marker> markers) {
    if (markers == null || markers.isEmpty()) {
      return List.of();
    }
    Set<String> names = new LinkedHashSet<>();
    for (Marker marker : markers) {
      collect(marker, names);
    }
    return List.copyOf(names);
  }

  private static void collect(Marker marker, Set<String> names) {
    if (marker == null || !names.add(marker.getName())) {
      return; // already seen: also stops reference cycles
    }
    for (Iterator<Marker> references = marker.iterator(); references.hasNext(); ) {
      collect(references.next(), names);
    }
  }
}
