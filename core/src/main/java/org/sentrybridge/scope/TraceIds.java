package org.sentrybridge.scope;

import io.sentry.IScope;
import io.sentry.IScopes;
import io.sentry.ISpan;
import io.sentry.PropagationContext;
import io.sentry.ScopeType;
import io.sentry.Sentry;
import io.sentry.SpanContext;
import io.sentry.SpanId;
import io.sentry.protocol.SentryId;
import java.util.Map;
import org.sentrybridge.event.TraceIdKeys;

/**
 * The logging thread's trace and span id: where the SDK keeps them ({@link #activeSpan}, {@link
 * #propagationContext}), and as text for log events that reach sentry-bridge on another thread
 * (asynchronous appenders and loggers): put into the log event's MDC / ThreadContext on the logging
 * thread under {@link #TRACE_ID_KEY} and {@link #SPAN_ID_KEY}, read back when the event is made.
 */
public final class TraceIds {

  /** MDC / ThreadContext key of the logging thread's Sentry trace id (32 hex digits). */
  public static final String TRACE_ID_KEY = TraceIdKeys.TRACE_ID;
  /** MDC / ThreadContext key of the logging thread's Sentry span id (16 hex digits). */
  public static final String SPAN_ID_KEY = TraceIdKeys.SPAN_ID;

  /** The last ids of each thread: the same ids give the same instance, cheap to compare. */
  private static final ThreadLocal<TraceIds> LAST = new ThreadLocal<>();

  private final SentryId trace;
  private final SpanId span;

  private TraceIds(SentryId trace, SpanId span) {
    this.trace = trace;
    this.span = span;
  }

  /**
   * The ids an event logged now on this thread would carry: the active span's, else the
   * propagation context's of the scope the SDK writes to. Null when Sentry is not running. While
   * they stay the same, each call on a thread returns the same instance.
   */
  public static TraceIds ofCurrentThread() {
    return of(Sentry.getCurrentScopes());
  }

  /**
   * {@link #ofCurrentThread()} with the current thread's scopes already looked up.
   *
   * @param scopes the current thread's scopes ({@code Sentry.getCurrentScopes()})
   * @return the ids, or null when Sentry is not running
   */
  public static TraceIds of(IScopes scopes) {
    if (!scopes.isEnabled()) {
      return null;
    }
    ISpan active = activeSpan(scopes);
    SentryId trace;
    SpanId span;
    if (active != null) {
      SpanContext context = active.getSpanContext();
      trace = context.getTraceId();
      span = context.getSpanId();
    } else {
      PropagationContext propagation = propagationContext(scopes);
      trace = propagation.getTraceId();
      span = propagation.getSpanId();
    }
    TraceIds last = LAST.get();
    if (last != null && last.trace == trace && last.span == span) {
      return last;
    }
    TraceIds ids = new TraceIds(trace, span);
    LAST.set(ids);
    return ids;
  }

  /**
   * The span an event logged now would be linked to: the current scope's, else the isolation
   * scope's, else the global scope's (what the SDK's combined scope view answers, without making
   * one per log event).
   *
   * @param scopes the current thread's scopes
   * @return the active span, or null when none
   */
  public static ISpan activeSpan(IScopes scopes) {
    ISpan active = scopes.getScope().getSpan();
    if (active == null) {
      active = scopes.getIsolationScope().getSpan();
    }
    if (active == null) {
      active = scopes.getGlobalScope().getSpan();
    }
    return active;
  }

  /**
   * The propagation context an event logged now without an active span would carry: that of the
   * scope the SDK writes to ({@code defaultScopeType}).
   *
   * @param scopes the current thread's scopes
   * @return the propagation context
   */
  public static PropagationContext propagationContext(IScopes scopes) {
    ScopeType type = scopes.getOptions().getDefaultScopeType();
    IScope scope =
        type == ScopeType.CURRENT
            ? scopes.getScope()
            : type == ScopeType.GLOBAL ? scopes.getGlobalScope() : scopes.getIsolationScope();
    return scope.getPropagationContext();
  }

  /**
   * True when both hold the very same SDK ids, as two reads of a scope that did not change do.
   *
   * @param other ids read before; may be null
   * @return true for the same trace and span id objects
   */
  public boolean sameAs(TraceIds other) {
    return other != null && other.trace == trace && other.span == span;
  }

  /**
   * A trace id as the logging thread left it in a log event's context data, in the SDK's form.
   *
   * @param traceId 32 hex digits; may be null
   * @return the id, or null when absent or not a trace id
   */
  public static SentryId parseTraceId(String traceId) {
    if (traceId == null || traceId.length() != 32) {
      return null;
    }
    try {
      return new SentryId(traceId);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * A span id as the logging thread left it in a log event's context data, in the SDK's form.
   *
   * @param spanId 16 hex digits; may be null
   * @return the id, or null when absent or not a span id
   */
  public static SpanId parseSpanId(String spanId) {
    return spanId == null || spanId.length() != 16 ? null : new SpanId(spanId);
  }

  /** True for the keys this class puts into a log event's context data. */
  public static boolean isKey(String key) {
    return TraceIdKeys.isKey(key);
  }

  /** The trace id found in a log event's context data, or null. */
  public static String traceIdIn(Map<String, String> contextData) {
    return contextData == null ? null : contextData.get(TRACE_ID_KEY);
  }

  /** The span id found in a log event's context data, or null. */
  public static String spanIdIn(Map<String, String> contextData) {
    return contextData == null ? null : contextData.get(SPAN_ID_KEY);
  }

  /** 32 hex digits. */
  public String traceId() {
    return trace.toString();
  }

  /** 16 hex digits. */
  public String spanId() {
    return span.toString();
  }
}
