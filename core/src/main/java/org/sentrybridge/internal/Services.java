package org.sentrybridge.internal;

import io.sentry.protocol.SentryId;
import org.sentrybridge.ScopeConfigurator;
import org.sentrybridge.delivery.Submission;

/** What every handle on an engine does the same way. */
final class Services {

  private Services() {}

  static SentryId sendError(Engine engine, Throwable error, ScopeConfigurator configurator) {
    if (error == null || engine == null || !engine.isEnabled()) {
      return SentryId.EMPTY_ID;
    }
    Submission submission =
        Submission.ofError(error, configurator, engine.settings().sendMetadata());
    return engine.submit(submission) ? submission.eventId() : SentryId.EMPTY_ID;
  }
}
