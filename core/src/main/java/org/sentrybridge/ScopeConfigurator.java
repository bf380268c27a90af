package org.sentrybridge;

import io.sentry.IScope;
import io.sentry.IScopes;

/**
 * Changes the scope of one event sent with {@link SentryService#sendError(Throwable,
 * ScopeConfigurator)}: tags, user, contexts, fingerprint, level. It is applied on top of the
 * caller's Sentry scope as it was when {@code sendError} was called, to a copy that belongs to that
 * event alone, so nothing set here leaks into later events or into the caller's scope.
 *
 * <p>It runs on sentry-bridge's delivery thread, not on the caller's, so it should read no
 * thread-locals of the caller: capture what it needs in the lambda.
 */
@FunctionalInterface
public interface ScopeConfigurator {

  /**
   * Changes the event's scope.
   *
   * @param scope the scope of this one event
   * @param scopes the SDK's scopes, for reading options or the client
   */
  void configure(IScope scope, IScopes scopes);
}
