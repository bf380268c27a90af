package org.sentrybridge.logs;

import io.sentry.SpanId;
import io.sentry.protocol.SentryId;
import io.sentry.protocol.User;

/**
 * What a log entry takes of the logging thread's Sentry scope: the trace and span id, and the
 * scope's user (the SDK's objects, as the scope holds them). One reference in the entry's queue
 * slot for all three; lines logged under the same ones share one instance per thread, so the
 * logging thread makes no object for them while they stay the same.
 */
public final class LogScope {

  private static final ThreadLocal<LogScope> LAST = new ThreadLocal<>();

  final SentryId traceId;
  final SpanId spanId;
  final User user;

  private LogScope(SentryId traceId, SpanId spanId, User user) {
    this.traceId = traceId;
    this.spanId = spanId;
    this.user = user;
  }

  /**
   * The scope's part of an entry logged now on this thread: the same instance as this thread's
   * last one while the three stay the same objects.
   *
   * @param traceId the trace id; null when unknown
   * @param spanId the span id; null when unknown
   * @param user the scope's user; null when none or unknown
   * @return the three together, or null when all are null
   */
  public static LogScope of(SentryId traceId, SpanId spanId, User user) {
    if (traceId == null && spanId == null && user == null) {
      return null;
    }
    LogScope last = LAST.get();
    if (last != null && last.traceId == traceId && last.spanId == spanId && last.user == user) {
      return last;
    }
    LogScope made = new LogScope(traceId, spanId, user);
    LAST.set(made);
    return made;
  }
}
