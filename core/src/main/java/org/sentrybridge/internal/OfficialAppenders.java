package org.sentrybridge.internal;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.sentrybridge.StatusReporter;

/**
 * One integration per process next to an official Sentry appender ({@code
 * io.sentry.logback.SentryAppender}, {@code io.sentry.log4j2.SentryAppender}, also when a Sentry
 * integration installs one). Those send through whichever Sentry SDK runs, sentry-bridge's or their
 * own, so without a rule every error would go out twice. The rule: a log event that one of
 * sentry-bridge's appenders takes is sent by sentry-bridge, and the official appender never sees
 * it (each appender puts a filter on the official one that denies exactly the log events it
 * takes); what no sentry-bridge appender takes (another logger, a lower level, an error without
 * exception) is left to the official appender. Each error is sent once, and one warning per
 * process says so.
 *
 * <p>The copy is denied by the logging framework before the official appender builds an event, so
 * the SDK never sees it: no {@code event_processor} discard is recorded in Sentry's client reports
 * for an error that did arrive.
 *
 * <p>The official appenders send through the SDK sentry-bridge started, when it started first,
 * and never close it: while one of them runs, sentry-bridge's last stop delivers what it took and
 * leaves that SDK open; its JVM exit hook closes it (see {@link #anyRunning}).
 */
public final class OfficialAppenders {

  private static final AtomicBoolean REPORTED = new AtomicBoolean();

  /** The official appenders found next to sentry-bridge's, held weakly, with their running test. */
  private static final List<Watched> WATCHED = new CopyOnWriteArrayList<>();

  private OfficialAppenders() {}

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
   * Warns, once per process, that an official Sentry appender runs next to sentry-bridge.
   *
   * @param officialAppender the official appender's class and name, for the warning
   * @param reporter where the warning goes
   */
  public static void found(String officialAppender, StatusReporter reporter) {
    if (REPORTED.compareAndSet(false, true)) {
      reporter.warn(message(officialAppender));
    }
  }

  static String message(String officialAppender) {
    return "the official Sentry appender " + officialAppender + " also sends errors in this"
        + " process: sentry-bridge sends each error its appenders take, once, and filters it out"
        + " of the official appender; the official appender still sends what sentry-bridge does"
        + " not take. Remove one of them from the logging configuration to keep one integration";
  }

  /**
   * Remembers an official appender found next to one of sentry-bridge's, so that {@link
   * #anyRunning} can tell whether it still runs. Held weakly: a configuration that is gone is
   * forgotten.
   *
   * @param appender the official appender
   * @param isRunning tells whether that appender is started
   * @param <T> the appender's type
   */
  @SuppressWarnings("unchecked")
  public static <T> void watch(T appender, Predicate<? super T> isRunning) {
    WATCHED.removeIf(w -> w.appender.get() == null);
    for (Watched w : WATCHED) {
      if (w.appender.get() == appender) {
        return;
      }
    }
    WATCHED.add(new Watched(new WeakReference<>(appender), (Predicate<Object>) isRunning));
  }

  /** True while an official appender found next to sentry-bridge's is started. */
  static boolean anyRunning() {
    for (Watched w : WATCHED) {
      Object appender = w.appender.get();
      if (appender != null && w.isRunning.test(appender)) {
        return true;
      }
    }
    return false;
  }

  private record Watched(WeakReference<Object> appender, Predicate<Object> isRunning) {}
}
