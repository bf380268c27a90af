package org.sentrybridge.scope;

import io.sentry.CombinedScopeView;
import io.sentry.IScopes;
import io.sentry.ISpan;
import io.sentry.PropagationContext;
import io.sentry.Sentry;
import io.sentry.SpanContext;
import java.util.Map;

/**
 * The logging thread's trace and span id as text, for log events that reach sentry-bridge on
 * another thread (asynchronous appenders and loggers): put into the log event's MDC /
 * ThreadContext on the logging thread under {@link #TRACE_ID_KEY} and {@link #SPAN_ID_KEY}, read
 * back when the event is made.
 */
public final class TraceIds {

  /** MDC / ThreadContext key of the logging thread's Sentry trace id (32 hex digits). */
  public static final String TRACE_ID_KEY = "sentry_trace_id";
  /** MDC / ThreadContext key of the logging thread's Sentry span id (16 hex digits). */
  public static final String SPAN_ID_KEY = "sentry_span_id";

  private final String traceId;
  private final String spanId;

  private TraceIds(String traceId, String spanId) {
    this.traceId = traceId;
    this.spanId = spanId;
  }

  /**
   * The ids an event logged now on this thread would carry: the active span's, else the scope's
   * propagation context's. Null when Sentry is not running.
   */
  public static TraceIds ofCurrentThread() {
    if (!Sentry.isEnabled()) {
      return null;
    }
    IScopes scopes = Sentry.getCurrentScopes();
    ISpan span = scopes.getSpan();
    if (span != null) {
      SpanContext context = span.getSpanContext();
      return new TraceIds(context.getTraceId().toString(), context.getSpanId().toString());
    }
    PropagationContext propagation =
        new CombinedScopeView(scopes.getGlobalScope(), scopes.getIsolationScope(), scopes.getScope())
            .getPropagationContext();
    return new TraceIds(propagation.getTraceId().toString(), propagation.getSpanId().toString());
  }

  /** True for the keys this class puts into a log event's context data. */
  public static boolean isKey(String key) {
    return TRACE_ID_KEY.equals(key) || SPAN_ID_KEY.equals(key);
  }

  /** The trace id found in a log event's context data, or null. */
  public static String traceIdIn(Map<String, String> contextData) {
    return contextData == null ? null : contextData.get(TRACE_ID_KEY);
  }

  /** The span id found in a log event's context data, or null. */
  public static String spanIdIn(Map<String, String> contextData) {
    return contextData == null ? null : contextData.get(SPAN_ID_KEY);
  }

  public String traceId() {
    return traceId;
  }

  public String spanId() {
    return spanId;
  }
}
