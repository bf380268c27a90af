package org.sentrybridge.internal;

import io.sentry.EventProcessor;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.TypeCheckHint;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.sentrybridge.StatusReporter;

/**
 * One integration per process next to an official Sentry appender ({@code
 * io.sentry.logback.SentryAppender}, {@code io.sentry.log4j2.SentryAppender}, also when a Sentry
 * integration installs one). Those send through whichever Sentry SDK runs, sentry-bridge's or their
 * own, so without a rule every error would go out twice, or sentry-bridge's copy would be dropped
 * by the SDK's duplicate check. The rule: a log event that one of sentry-bridge's appenders takes
 * is sent by sentry-bridge, and the official appender's copy of it is dropped here; what no
 * sentry-bridge appender takes (another logger, a lower level, an error without exception) is left
 * to the official appender. Each error is sent once, and the first time this happens (or an
 * appender sees the official one at start) one warning says so.
 *
 * <p>The engine puts this processor first in the SDK's list, ahead of the SDK's duplicate check.
 */
public final class OfficialAppenderFilter implements EventProcessor {

  /** For each running sentry-bridge appender: does it take this log event of its framework? */
  private static final List<Predicate<Object>> OWN_APPENDERS = new CopyOnWriteArrayList<>();

  private static final AtomicBoolean REPORTED = new AtomicBoolean();

  private final StatusReporter reporter;

  OfficialAppenderFilter(StatusReporter reporter) {
    this.reporter = reporter;
  }

  /**
   * True when {@code type} is the official appender's class {@code officialClassName}, or extends
   * it (checked by name: the official appender need not be on the class path).
   *
   * @param type an appender's class
   * @param officialClassName the official appender's class name
   * @return whether that appender is the official one
   */
  public static boolean isOfficial(Class<?> type, String officialClassName) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals(officialClassName)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Registers how a sentry-bridge appender recognises the framework log events it takes (a
   * Logback {@code ILoggingEvent}, a Log4j2 {@code LogEvent}); the official appenders pass the
   * same object along with their events.
   *
   * @return what removes the registration again
   */
  public static Runnable recognise(Predicate<Object> takes) {
    OWN_APPENDERS.add(takes);
    return () -> OWN_APPENDERS.removeIf(registered -> registered == takes);
  }

  /** Warns, once per process, that an official Sentry appender runs next to sentry-bridge. */
  public static void found(String officialAppender, StatusReporter reporter) {
    if (REPORTED.compareAndSet(false, true)) {
      reporter.warn(message(officialAppender));
    }
  }

  static String message(String officialAppender) {
    return "the official Sentry appender " + officialAppender + " also sends errors in this"
        + " process: sentry-bridge sends each error its appenders take, once, and drops the"
        + " official appender's copy of it; the official appender still sends what sentry-bridge"
        + " does not take. Remove one of them from the logging configuration to keep one"
        + " integration";
  }

  @Override
  public SentryEvent process(SentryEvent event, Hint hint) {
    Object logEvent = hint.get(TypeCheckHint.SENTRY_SYNTHETIC_EXCEPTION);
    if (logEvent == null) {
      return event;
    }
    for (Predicate<Object> takes : OWN_APPENDERS) {
      if (takes.test(logEvent)) {
        found(officialAppenderOf(logEvent), reporter);
        return null;
      }
    }
    return event;
  }

  private static String officialAppenderOf(Object logEvent) {
    String type = logEvent.getClass().getName();
    if (type.startsWith("ch.qos.logback.")) {
      return "io.sentry.logback.SentryAppender";
    }
    if (type.startsWith("org.apache.logging.log4j.")) {
      return "io.sentry.log4j2.SentryAppender";
    }
    return "for " + type;
  }
}
