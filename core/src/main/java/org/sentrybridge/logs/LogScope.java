package org.sentrybridge.logs;

import io.sentry.SpanId;
import io.sentry.protocol.SentryId;
import io.sentry.protocol.User;

/**
 * What a log entry takes of the logging thread's Sentry scope: the trace and span id, and the
 * scope's user (the SDK's objects, as the scope holds them), in one reference of the entry's queue
 * slot. A new one per entry: a per-thread cache would keep the last user (personal data) and this
 * library's classes reachable from pooled threads after their request, for a saving this small
 * object does not need.
 */
public final class LogScope {

  final SentryId traceId;
  final SpanId spanId;
  final User user;

  private LogScope(SentryId traceId, SpanId spanId, User user) {
    this.traceId = traceId;
    this.spanId = spanId;
    this.user = user;
  }

  /**
   * The scope's part of an entry.
   *
   * @param traceId the trace id; null when unknown
   * @param spanId the span id; null when unknown
   * @param user the scope's user; null when none, unknown or not sent
   * @return the three together, or null when all are null
   */
  public static LogScope of(SentryId traceId, SpanId spanId, User user) {
    return traceId == null && spanId == null && user == null
        ? null
        : new LogScope(traceId, spanId, user);
  }
}
