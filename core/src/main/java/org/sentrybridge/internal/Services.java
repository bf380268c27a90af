package org.sentrybridge.internal;

import io.sentry.Sentry;
import io.sentry.protocol.SentryId;
import org.sentrybridge.ScopeConfigurator;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.delivery.Submission;
import org.sentrybridge.scope.ScopeSnapshot;

/** What every handle on an engine does the same way. */
final class Services {

  private Services() {}

  static SentryId sendError(Engine engine, Throwable error, ScopeConfigurator configurator) {
    if (error == null || engine == null || !engine.isEnabled()) {
      return SentryId.EMPTY_ID;
    }
    BridgeSettings settings = engine.settings();
    boolean sendMetadata = settings.sendMetadata();
    // the caller's MDC is read here, on the caller's thread; it is metadata, as for logged errors
    ScopeConfigurator withContext =
        sendMetadata ? CallerContexts.around(configurator) : configurator;
    // the caller's scope, as Sentry.captureException would take it here and now
    ScopeSnapshot scope =
        settings.captureScope()
            ? ScopeSnapshot.captureWithEveryAppender(Sentry.getCurrentScopes(), sendMetadata)
            : ScopeSnapshot.withoutScope(null);
    Submission submission = Submission.ofError(error, withContext, scope, sendMetadata);
    return engine.submit(submission) ? submission.eventId() : SentryId.EMPTY_ID;
  }
}
