package org.sentrybridge.scope;

import io.sentry.Attachment;
import io.sentry.Breadcrumb;
import io.sentry.IScope;
import io.sentry.ISentryClient;
import io.sentry.ISpan;
import io.sentry.ITransaction;
import io.sentry.PropagationContext;
import io.sentry.Scope;
import io.sentry.SentryLevel;
import io.sentry.SentryOptions;
import io.sentry.featureflags.IFeatureFlagBuffer;
import io.sentry.internal.eventprocessor.EventProcessorAndOrder;
import io.sentry.protocol.Contexts;
import io.sentry.protocol.FeatureFlag;
import io.sentry.protocol.FeatureFlags;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryId;
import io.sentry.protocol.User;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one Sentry scope held when an error was logged, read on the logging thread. Only what is set
 * is copied, so an empty scope costs a few field reads and two small copies; values the SDK replaces
 * rather than changes (user, request, span, propagation context) are kept by reference, the
 * containers it changes in place (breadcrumbs, tags, extras, contexts, fingerprint) are copied. On the delivery thread {@link
 * #toScope} makes a real SDK {@link Scope} of it again, so the SDK combines and applies it as
 * usual.
 */
final class ScopeState {

  private static final Breadcrumb[] NO_BREADCRUMBS = new Breadcrumb[0];

  final PropagationContext propagation;
  final ISpan span;
  private SentryLevel level;
  private ITransaction transaction;
  private String transactionName;
  private User user;
  private String screen;
  private Request request;
  private List<String> fingerprint;
  private Breadcrumb[] breadcrumbs = NO_BREADCRUMBS;
  private Map<String, String> tags;
  private Map<String, Object> extras;
  private Contexts contexts;
  private List<Attachment> attachments;
  private List<EventProcessorAndOrder> eventProcessors;
  private SentryId replayId;
  private IFeatureFlagBuffer featureFlags;
  private ISentryClient client;

  private ScopeState(PropagationContext propagation, ISpan span) {
    this.propagation = propagation;
    this.span = span;
  }

  /** The user the scope held when the error was logged, or null. */
  User user() {
    return user;
  }

  /** Only what links an event to its trace: the active span and the propagation context. */
  static ScopeState traceOf(IScope scope) {
    return new ScopeState(scope.getPropagationContext(), scope.getSpan());
  }

  /** Everything of the scope the SDK applies to an event. Runs on the logging thread. */
  static ScopeState of(IScope scope) {
    ScopeState state = traceOf(scope);
    state.level = scope.getLevel();
    state.transaction = scope.getTransaction();
    if (state.transaction == null) {
      state.transactionName = scope.getTransactionName();
    }
    state.user = scope.getUser();
    state.screen = scope.getScreen();
    state.request = scope.getRequest();
    List<String> fingerprint = scope.getFingerprint();
    if (!fingerprint.isEmpty()) {
      state.fingerprint = new ArrayList<>(fingerprint); // Scope.clear() empties it in place
    }
    state.breadcrumbs = scope.getBreadcrumbs().toArray(NO_BREADCRUMBS);
    Map<String, String> tags = scope.getTags(); // already a copy
    if (!tags.isEmpty()) {
      state.tags = tags;
    }
    List<Attachment> attachments = scope.getAttachments(); // already a copy
    if (!attachments.isEmpty()) {
      state.attachments = attachments;
    }
    SentryId replayId = scope.getReplayId();
    if (!SentryId.EMPTY_ID.equals(replayId)) {
      state.replayId = replayId;
    }
    state.readUnreported(
        scope.getEventProcessorsWithOrder(),
        scope.getFeatureFlagBuffer(),
        scope.getExtras(),
        scope.getContexts(),
        ownClient(scope));
    return state;
  }

  /**
   * This state for {@code scope} as it is now, when no change to any scope was reported to {@link
   * ScopeChanges} since this state was read from it: what the SDK reports is taken over as it is,
   * what it does not report (active span, propagation context, client, event processors, feature
   * flags, extras and contexts changed in place) is read again. Returns this same state when those
   * are unchanged too, which costs a few getter calls and no allocation.
   */
  ScopeState refreshed(IScope scope) {
    PropagationContext nowPropagation = scope.getPropagationContext();
    ISpan nowSpan = scope.getSpan();
    ISentryClient nowClient = ownClient(scope);
    List<EventProcessorAndOrder> nowProcessors = scope.getEventProcessorsWithOrder();
    IFeatureFlagBuffer nowFlags = scope.getFeatureFlagBuffer();
    Map<String, Object> nowExtras = scope.getExtras();
    Contexts nowContexts = scope.getContexts();
    if (nowPropagation == propagation
        && nowSpan == span
        && nowClient == client
        && nowFlags == featureFlags
        && nowProcessors.size() == (eventProcessors == null ? 0 : eventProcessors.size())
        // extras and contexts can change in place, unseen: only empty ones are known unchanged
        && extras == null
        && nowExtras.isEmpty()
        && contexts == null
        && nowContexts.isEmpty()) {
      return this;
    }
    ScopeState state = new ScopeState(nowPropagation, nowSpan);
    state.level = level;
    state.transaction = transaction;
    state.transactionName = transactionName;
    state.user = user;
    state.screen = screen;
    state.request = request;
    state.fingerprint = fingerprint;
    state.breadcrumbs = breadcrumbs;
    state.tags = tags;
    state.attachments = attachments;
    state.replayId = replayId;
    state.readUnreported(nowProcessors, nowFlags, nowExtras, nowContexts, nowClient);
    return state;
  }

  /** The parts of a scope whose changes the SDK does not report to scope observers. */
  private void readUnreported(
      List<EventProcessorAndOrder> processors,
      IFeatureFlagBuffer flags,
      Map<String, Object> extras,
      Contexts contexts,
      ISentryClient client) {
    if (!extras.isEmpty()) {
      this.extras = new HashMap<>(extras);
    }
    if (!contexts.isEmpty()) {
      this.contexts = new Contexts(contexts);
    }
    if (!processors.isEmpty()) {
      this.eventProcessors = new ArrayList<>(processors);
    }
    // kept by reference, read when the event is sent: copying it costs a lock object per error,
    // and flags are evaluated at a request's start, not between an error and its delivery
    this.featureFlags = flags;
    this.client = client;
  }

  /** The scope's client when it has one of its own ({@code bindClient}), else null. */
  private static ISentryClient ownClient(IScope scope) {
    ISentryClient client = scope.getClient();
    return client.isEnabled() ? client : null;
  }

  /** True when the scope held nothing but its trace (propagation context, active span). */
  boolean holdsOnlyTrace() {
    if (level != null || transaction != null || transactionName != null || user != null
        || screen != null || request != null || fingerprint != null || breadcrumbs.length > 0
        || tags != null || extras != null || contexts != null || attachments != null
        || eventProcessors != null || replayId != null || client != null) {
      return false;
    }
    FeatureFlags flags = featureFlags == null ? null : featureFlags.getFeatureFlags();
    return flags == null || flags.getValues().isEmpty();
  }

  /**
   * A fresh SDK scope holding this state. {@code options} are options without callbacks or scope
   * observers, so nothing runs twice for what already ran on the logging thread (before-breadcrumb
   * callback, observers).
   */
  Scope toScope(SentryOptions options) {
    Scope scope = new Scope(options);
    scope.setPropagationContext(propagation);
    if (span != null) {
      scope.setActiveSpan(span);
    }
    if (transaction != null) {
      scope.setTransaction(transaction);
    } else if (transactionName != null) {
      scope.setTransaction(transactionName);
    }
    scope.setLevel(level);
    scope.setUser(user);
    scope.setScreen(screen);
    scope.setRequest(request);
    if (fingerprint != null) {
      scope.setFingerprint(fingerprint);
    }
    for (Breadcrumb breadcrumb : breadcrumbs) {
      scope.addBreadcrumb(breadcrumb);
    }
    if (tags != null) {
      tags.forEach(scope::setTag);
    }
    if (extras != null) {
      extras.forEach((key, value) -> scope.setExtra(key, String.valueOf(value)));
    }
    if (contexts != null) {
      for (Map.Entry<String, Object> entry : contexts.entrySet()) {
        scope.setContexts(entry.getKey(), entry.getValue());
      }
    }
    if (attachments != null) {
      attachments.forEach(scope::addAttachment);
    }
    if (eventProcessors != null) {
      for (EventProcessorAndOrder processor : eventProcessors) {
        scope.addEventProcessor(processor.getEventProcessor());
      }
    }
    if (replayId != null) {
      scope.setReplayId(replayId);
    }
    FeatureFlags flags = featureFlags.getFeatureFlags();
    if (flags != null) {
      for (FeatureFlag flag : flags.getValues()) {
        scope.addFeatureFlag(flag.getFlag(), flag.getResult());
      }
    }
    if (client != null) {
      scope.bindClient(client);
    }
    return scope;
  }
}
