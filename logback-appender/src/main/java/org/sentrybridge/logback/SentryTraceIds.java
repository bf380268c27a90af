package org.sentrybridge.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.sentrybridge.scope.TraceIds;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.spi.MDCAdapter;

/**
 * Puts the logging thread's Sentry trace id and span id into the MDC, under {@code
 * sentry_trace_id} and {@code sentry_span_id}, before each enabled log call at or above {@link
 * #setLevel level}. Behind an {@code AsyncAppender} the Sentry appender runs on another thread and
 * cannot read the logging thread's Sentry scope; the MDC travels with the event, so errors logged
 * there still carry the logging thread's trace, and breadcrumbs join the errors of the same trace.
 *
 * <pre>{@code
 * <configuration>
 *   <turboFilter class="org.sentrybridge.logback.SentryTraceIds"/>
 *   ...
 * }</pre>
 *
 * <p>It never denies or accepts a log call (always {@code NEUTRAL}). The keys stay in the thread's
 * MDC, refreshed at each such call, so other appenders can print them ({@code %X{sentry_trace_id}}).
 * Not needed when the Sentry appender is not behind an asynchronous appender.
 */
public class SentryTraceIds extends TurboFilter {

  private Level level = Level.INFO;

  /**
   * The lowest level of the log calls that refresh the ids; lower calls cost one comparison.
   * Default {@code INFO} (so that breadcrumbs find their trace too).
   *
   * @param level the text of {@code <level>}, a Logback level name; unknown text gives {@code INFO}
   */
  public void setLevel(String level) {
    this.level = Level.toLevel(level, Level.INFO);
  }

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level callLevel, String format, Object[] params, Throwable t) {
    if (callLevel == null
        || callLevel.levelInt < level.levelInt
        || callLevel.levelInt < logger.getEffectiveLevel().levelInt) {
      return FilterReply.NEUTRAL;
    }
    try {
      TraceIds ids = TraceIds.ofCurrentThread();
      MDCAdapter mdc = mdc(logger);
      if (ids == null) {
        if (mdc.get(TraceIds.TRACE_ID_KEY) != null) {
          mdc.remove(TraceIds.TRACE_ID_KEY);
          mdc.remove(TraceIds.SPAN_ID_KEY);
        }
      } else {
        // an MDC write copies the thread's map: write only what changed
        putIfChanged(mdc, TraceIds.TRACE_ID_KEY, ids.traceId());
        putIfChanged(mdc, TraceIds.SPAN_ID_KEY, ids.spanId());
      }
    } catch (RuntimeException e) {
      // a filter must never break logging; the event just goes without ids
    }
    return FilterReply.NEUTRAL;
  }

  private static void putIfChanged(MDCAdapter mdc, String key, String value) {
    if (!value.equals(mdc.get(key))) {
      mdc.put(key, value);
    }
  }

  private static MDCAdapter mdc(Logger logger) {
    LoggerContext context = logger.getLoggerContext();
    MDCAdapter adapter = context == null ? null : context.getMDCAdapter();
    return adapter != null ? adapter : MDC.getMDCAdapter();
  }
}
