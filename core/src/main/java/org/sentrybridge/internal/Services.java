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
    // the caller's scope, as Sentry.captureException would take it here and now
    ScopeSnapshot scope =
        settings.captureScope()
            ? ScopeSnapshot.captureWithEveryAppender(
                Sentry.getCurrentScopes(), settings.sendMetadata())
            : ScopeSnapshot.withoutScope(null);
    Submission submission =
        Submission.ofError(error, configurator, scope, settings.sendMetadata());
    return engine.submit(submission) ? submission.eventId() : SentryId.EMPTY_ID;
  }
}
