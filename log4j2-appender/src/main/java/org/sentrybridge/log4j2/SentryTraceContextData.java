package org.sentrybridge.log4j2;

import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.core.impl.ThreadContextDataInjector;
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
 * <p>Registered for Log4j2 by the {@code sentry-bridge-log4j2-async} jar ({@code
 * META-INF/services}), not by this one: as soon as a second provider is registered beside Log4j2's
 * own, Log4j2 merges their context data into a new map for every log event of the application, so
 * only configurations with an asynchronous hand-off should pay for it. Once registered it adds
 * nothing (one volatile read per log event) unless a running {@code <SentryBridge>} appender is
 * reached through such a hand-off: its configuration has an asynchronous appender or logger, or an
 * event reached it on another thread. A synchronous appender reads the logging thread's scope
 * itself. Where the ids are added, other layouts and appenders can print them too ({@code
 * %X{sentry_trace_id}}).
 */
public final class SentryTraceContextData implements ContextDataProvider {

  /**
   * Running {@code <SentryBridge>} appenders with a DSN behind an asynchronous hand-off; the ids
   * are added only while there is one.
   */
  private static final AtomicInteger RUNNING = new AtomicInteger();

  /** The artifact that registers this provider. */
  static final String ARTIFACT = "org.sentrybridge:sentry-bridge-log4j2-async";

  private static final String NAME = SentryTraceContextData.class.getName();

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

  /**
   * True when Log4j2 finds this provider: registered through {@code META-INF/services} (what
   * Log4j2 reads with log4j-core's class loader) or added to {@link
   * ThreadContextDataInjector#contextDataProviders} in code. Asked when an appender finds itself
   * behind an asynchronous hand-off, never per log event.
   */
  static boolean isRegistered() {
    try {
      for (ContextDataProvider provider : ThreadContextDataInjector.contextDataProviders) {
        if (provider != null && provider.getClass().getName().equals(NAME)) {
          return true;
        }
      }
      Iterator<ServiceLoader.Provider<ContextDataProvider>> providers =
          ServiceLoader.load(ContextDataProvider.class, ContextDataProvider.class.getClassLoader())
              .stream()
              .iterator();
      while (providers.hasNext()) {
        try {
          // by name: the provider's class may come from another class loader than this one
          if (providers.next().type().getName().equals(NAME)) {
            return true;
          }
        } catch (ServiceConfigurationError e) {
          // another library's broken registration: Log4j2 skips it, and so does this check
        }
      }
      return false;
    } catch (LinkageError | ServiceConfigurationError | RuntimeException e) {
      return true; // a Log4j2 this check cannot read: better no warning than a wrong one
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
      if (last == null || !ids.sameAs(last.ids)) {
        last = new Supplied(ids);
        LAST.set(last);
      }
      return last.data;
    } catch (RuntimeException e) {
      return Collections.emptyMap(); // never break logging
    }
  }
}
