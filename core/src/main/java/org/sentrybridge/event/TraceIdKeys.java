package org.sentrybridge.event;

/**
 * The keys under which the logging thread's trace and span id travel in a log event's context data
 * (MDC / ThreadContext) behind asynchronous appenders. They are left out of the event's {@code MDC}
 * context: the ids are in its trace context.
 */
public final class TraceIdKeys {

  /** Context-data key of the trace id (32 hex digits). */
  public static final String TRACE_ID = "sentry_trace_id";
  /** Context-data key of the span id (16 hex digits). */
  public static final String SPAN_ID = "sentry_span_id";

  private TraceIdKeys() {}

  /**
   * True for the two keys of this class.
   *
   * @param key a context-data key
   * @return true when it carries a trace or span id
   */
  public static boolean isKey(String key) {
    return TRACE_ID.equals(key) || SPAN_ID.equals(key);
  }
}
