package org.sentrybridge.logs;

import io.sentry.IScopes;
import io.sentry.SpanId;
import io.sentry.protocol.SentryId;
import io.sentry.protocol.User;

/**
 * What a log entry takes of the logging thread's Sentry scope: the trace and span id, the scope's
 * user (the SDK's objects, as the scope holds them) and, when its current or isolation scope has
 * event processors, the scopes themselves, whose processors then run for the entry on the logs
 * thread; in one reference of the entry's queue slot. Without such processors the entry keeps no
 * reference to a request's scopes (their breadcrumbs, request, attachments) while it waits. A new
 * one per entry: a per-thread cache would keep the last user (personal data) and this library's
 * classes reachable from pooled threads after their request, for a saving this small object does
 * not need.
 */
public final class LogScope {

  final SentryId traceId;
  final SpanId spanId;
  final User user;
  final IScopes scopes;

  private LogScope(SentryId traceId, SpanId spanId, User user, IScopes scopes) {
    this.traceId = traceId;
    this.spanId = spanId;
    this.user = user;
    this.scopes = scopes;
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
    return of(traceId, spanId, user, null);
  }

  /**
   * The scope's part of an entry logged on the thread whose Sentry scopes are {@code scopes}.
   *
   * @param traceId the trace id; null when unknown
   * @param spanId the span id; null when unknown
   * @param user the scope's user; null when none, unknown or not sent
   * @param scopes the logging thread's Sentry scopes when their event processors run for the
   *     entry; null otherwise
   * @return the four together, or null when all are null
   */
  public static LogScope of(SentryId traceId, SpanId spanId, User user, IScopes scopes) {
    return traceId == null && spanId == null && user == null && scopes == null
        ? null
        : new LogScope(traceId, spanId, user, scopes);
  }
}
