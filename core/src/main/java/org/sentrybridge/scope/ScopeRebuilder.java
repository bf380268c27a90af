package org.sentrybridge.scope;

import io.sentry.IScopes;
import io.sentry.ISpan;
import io.sentry.PropagationContext;
import io.sentry.Scope;
import io.sentry.Scopes;
import io.sentry.SentryOptions;

/**
 * Makes the SDK scopes an event is captured through from a {@link ScopeSnapshot}, on the delivery
 * thread (and only there: it lends the same pair of empty scopes to every event whose scope held
 * nothing but its trace, the common case, instead of making two scopes per event).
 */
public final class ScopeRebuilder {

  /** Creator name of the scopes events are captured through. */
  static final String CREATOR = "sentry-bridge";

  private final IScopes live;
  private final SentryOptions quiet;
  private final Scope emptyCurrent;
  private final Scope emptyIsolation;
  private final Scopes empty;

  /** {@code live}: the SDK the events go to; its global scope holds the client. */
  public ScopeRebuilder(IScopes live) {
    this.live = live;
    this.quiet = quietOptions(live.getOptions());
    this.emptyCurrent = new Scope(quiet);
    this.emptyIsolation = new Scope(quiet);
    this.empty = new Scopes(emptyCurrent, emptyIsolation, live.getGlobalScope(), CREATOR);
  }

  /** The pair of empty scopes, set to this trace. */
  IScopes lend(
      PropagationContext currentTrace,
      ISpan currentSpan,
      PropagationContext isolationTrace,
      ISpan isolationSpan) {
    emptyCurrent.setPropagationContext(currentTrace);
    emptyCurrent.setActiveSpan(currentSpan);
    emptyIsolation.setPropagationContext(isolationTrace);
    emptyIsolation.setActiveSpan(isolationSpan);
    return empty;
  }

  /**
   * A pair of new empty scopes set to this trace: for an event whose own code (a {@code
   * ScopeConfigurator}) may write into them, which the lent pair must never keep for later events.
   */
  IScopes fresh(
      PropagationContext currentTrace,
      ISpan currentSpan,
      PropagationContext isolationTrace,
      ISpan isolationSpan) {
    Scope currentScope = traced(currentTrace);
    currentScope.setActiveSpan(currentSpan);
    Scope isolationScope = traced(isolationTrace);
    isolationScope.setActiveSpan(isolationSpan);
    return new Scopes(currentScope, isolationScope, live.getGlobalScope(), CREATOR);
  }

  /** New SDK scopes holding what the logging thread's scopes held. */
  IScopes rebuild(
      ScopeState current,
      ScopeState isolation,
      PropagationContext currentTrace,
      PropagationContext isolationTrace) {
    Scope currentScope = current != null ? current.toScope(quiet) : traced(currentTrace);
    Scope isolationScope =
        isolation != null ? isolation.toScope(quiet) : traced(isolationTrace);
    return new Scopes(currentScope, isolationScope, live.getGlobalScope(), CREATOR);
  }

  private Scope traced(PropagationContext trace) {
    Scope scope = new Scope(quiet);
    scope.setPropagationContext(trace);
    return scope;
  }

  /**
   * Options for the rebuilt scopes: the same limits, but no before-breadcrumb callback, no scope
   * observers and no default processors; the callback and observers already ran when the logging
   * thread's scope was written.
   */
  private static SentryOptions quietOptions(SentryOptions options) {
    SentryOptions quiet = SentryOptions.empty();
    quiet.setMaxBreadcrumbs(options.getMaxBreadcrumbs());
    quiet.setMaxFeatureFlags(options.getMaxFeatureFlags());
    quiet.setDefaultScopeType(options.getDefaultScopeType());
    return quiet;
  }
}
