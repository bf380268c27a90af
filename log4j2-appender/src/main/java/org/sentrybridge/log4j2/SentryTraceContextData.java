package org.sentrybridge.log4j2;

import java.util.Collections;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.core.util.ContextDataProvider;
import org.sentrybridge.scope.TraceIds;

/**
 * Adds the logging thread's Sentry trace id and span id to every log event's context data, under
 * {@code sentry_trace_id} and {@code sentry_span_id}, on the thread that logs. With asynchronous
 * loggers ({@code <AsyncLogger>}, the all-async context selector) and the {@code <Async>} appender
 * the Sentry appender runs on another thread and cannot read the logging thread's Sentry scope; the
 * context data travels with the event, so errors logged there still carry the logging thread's
 * trace, and breadcrumbs join the errors of the same trace.
 *
 * <p>Found by Log4j2 through {@code META-INF/services}; it adds nothing (one volatile read per log
 * event) unless a running {@code <SentryBridge>} appender is reached through such a hand-off: its
 * configuration has an asynchronous appender or logger, or an event reached it on another thread.
 * A synchronous appender reads the logging thread's scope itself, so the logging threads do not
 * pay for the ids there. Where they are added, other layouts and appenders can print them too
 * ({@code %X{sentry_trace_id}}).
 */
public final class SentryTraceContextData implements ContextDataProvider {

  /**
   * Running {@code <SentryBridge>} appenders with a DSN behind an asynchronous hand-off; the ids
   * are added only while there is one.
   */
  private static final AtomicInteger RUNNING = new AtomicInteger();

  /** The map last supplied on each thread, given again while the ids stay the same. */
  private static final ThreadLocal<Supplied> LAST = new ThreadLocal<>();

  private static final class Supplied {
    final TraceIds ids;
    final Map<String, String> data;

    Supplied(TraceIds ids) {
      this.ids = ids;
      this.data = Map.of(TraceIds.TRACE_ID_KEY, ids.traceId(), TraceIds.SPAN_ID_KEY, ids.spanId());
    }
  }

  static void appenderStarted() {
    RUNNING.incrementAndGet();
  }

  static void appenderStopped() {
    RUNNING.decrementAndGet();
  }

  @Override
  public Map<String, String> supplyContextData() {
    if (RUNNING.get() <= 0) {
      return Collections.emptyMap();
    }
    try {
      TraceIds ids = TraceIds.ofCurrentThread();
      if (ids == null) {
        return Collections.emptyMap();
      }
      Supplied last = LAST.get();
      if (last == null || last.ids != ids) {
        last = new Supplied(ids);
        LAST.set(last);
      }
      return last.data;
    } catch (RuntimeException e) {
      return Collections.emptyMap(); // never break logging
    }
  }
}
