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
    boolean sendMetadata = engine.settings().sendMetadata();
    // the caller's MDC is read here, on the caller's thread; it is metadata, as for logged errors
    ScopeConfigurator withContext =
        sendMetadata ? CallerContexts.around(configurator) : configurator;
    Submission submission = Submission.ofError(error, withContext, sendMetadata);
    return engine.submit(submission) ? submission.eventId() : SentryId.EMPTY_ID;
  }
}
