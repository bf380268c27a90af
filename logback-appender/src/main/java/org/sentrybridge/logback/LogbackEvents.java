package org.sentrybridge.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.DescribedThrowable;
import org.sentrybridge.event.LogLevel;
import org.sentrybridge.event.LogRecord;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/** Reads a Logback {@link ILoggingEvent} into sentry-bridge's neutral terms. */
final class LogbackEvents {

  /** Deeper cause chains of a described throwable are cut here. */
  private static final int MAX_DEPTH = 100;

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

  /**
   * The logged throwable, or null when none. An event received from another process ({@code
   * SocketAppender}, {@code ServerSocketReceiver}) carries only a description of it (a {@code
   * ThrowableProxyVO}): that becomes a {@link DescribedThrowable} with the same type, message,
   * frames, causes and suppressed exceptions.
   */
  static Throwable throwable(ILoggingEvent event) {
    IThrowableProxy proxy = event.getThrowableProxy();
    if (proxy == null) {
      return null;
    }
    if (proxy instanceof ThrowableProxy) {
      return ((ThrowableProxy) proxy).getThrowable();
    }
    return describe(proxy, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
  }

  private static DescribedThrowable describe(
      IThrowableProxy proxy, Set<IThrowableProxy> seen, int depth) {
    seen.add(proxy);
    StackTraceElementProxy[] steps = proxy.getStackTraceElementProxyArray();
    StackTraceElement[] frames = new StackTraceElement[steps == null ? 0 : steps.length];
    for (int i = 0; i < frames.length; i++) {
      frames[i] = steps[i].getStackTraceElement();
    }
    IThrowableProxy cause = proxy.getCause();
    List<DescribedThrowable> suppressed = new ArrayList<>();
    IThrowableProxy[] suppressedProxies = proxy.getSuppressed();
    if (suppressedProxies != null && depth < MAX_DEPTH) {
      for (IThrowableProxy one : suppressedProxies) {
        if (one != null && !seen.contains(one)) {
          suppressed.add(describe(one, seen, depth + 1));
        }
      }
    }
    return new DescribedThrowable(
        proxy.getClassName(),
        proxy.getMessage(),
        frames,
        cause == null || seen.contains(cause) || depth >= MAX_DEPTH
            ? null
            : describe(cause, seen, depth + 1),
        suppressed);
  }

  /**
   * The neutral snapshot of the event. Thread name, MDC and timestamp come from the event, not the
   * current thread, so this is right behind an {@code AsyncAppender} too. {@code onLoggingThread}:
   * {@link #isOnLoggingThread} of this event, which the appender has already asked.
   */
  static LogRecord toRecord(
      ILoggingEvent event, LogLevel level, Throwable throwable, boolean onLoggingThread) {
    return toRecord(event, level, throwable, onLoggingThread, true, null);
  }

  /**
   * {@link #toRecord(ILoggingEvent, LogLevel, Throwable, boolean)} for a line that only becomes a
   * Sentry log entry (and maybe a breadcrumb) on the logging thread: of the MDC it keeps only the
   * keys {@code contextTags} selects, as {@code LogEventForwarder#logEntryContext} gives them, and
   * with none reads no MDC at all. An error's record keeps the whole MDC.
   */
  static LogRecord toLogEntryRecord(
      ILoggingEvent event, LogLevel level, Throwable throwable, CaptureRules contextTags) {
    return toRecord(event, level, throwable, true, false, contextTags);
  }

  private static LogRecord toRecord(
      ILoggingEvent event,
      LogLevel level,
      Throwable throwable,
      boolean onLoggingThread,
      boolean wholeMdc,
      CaptureRules contextTags) {
    String threadName = event.getThreadName();
    LogRecord.Builder record =
        LogRecord.builder(level, event.getLoggerName())
            // on the logging thread, formatting is left to the delivery thread; behind an
            // AsyncAppender the event was already formatted when it was queued: take that text
            .message(event.getMessage(), onLoggingThread ? null : event.getFormattedMessage())
            .ownedArguments(ownedArguments(event))
            .throwable(throwable)
            .thread(threadName, onLoggingThread ? Thread.currentThread().getId() : 0L)
            .timestamp(instant(event));
    if (wholeMdc || contextTags != null) {
      Map<String, String> mdc = event.getMDCPropertyMap();
      if (mdc != null && !mdc.isEmpty()) {
        record.contextData(wholeMdc ? new TreeMap<>(mdc) : selected(mdc, contextTags));
      }
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

  /** The entries of {@code mdc} whose keys {@code contextTags} selects. */
  private static Map<String, String> selected(Map<String, String> mdc, CaptureRules contextTags) {
    Map<String, String> selected = null;
    for (Map.Entry<String, String> entry : mdc.entrySet()) {
      if (contextTags.isContextTag(entry.getKey())) {
        if (selected == null) {
          selected = new TreeMap<>();
        }
        selected.put(entry.getKey(), entry.getValue());
      }
    }
    return selected == null ? Collections.emptyMap() : selected;
  }

  /**
   * True when the appender runs on the thread that logged (not behind an {@code AsyncAppender},
   * which formats the message before it queues the event).
   */
  static boolean isOnLoggingThread(ILoggingEvent event) {
    return Thread.currentThread().getName().equals(event.getThreadName());
  }

  /**
   * The event's arguments in an array nobody changes afterwards: Logback makes a new one for calls
   * with one or two arguments; longer ones may be the caller's own array, which is copied.
   */
  static Object[] ownedArguments(ILoggingEvent event) {
    Object[] arguments = event.getArgumentArray();
    return arguments == null || arguments.length <= 2 ? arguments : arguments.clone();
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
