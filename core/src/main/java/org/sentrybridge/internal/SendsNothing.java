package org.sentrybridge.internal;

import io.sentry.IScopes;
import io.sentry.protocol.SentryId;
import java.time.Duration;
import java.util.Optional;
import org.sentrybridge.ScopeConfigurator;
import org.sentrybridge.SentryService;

/** A service that is off: it sends nothing, has no scopes, and has nothing to flush. */
interface SendsNothing extends SentryService {

  @Override
  default SentryId sendError(Throwable error, ScopeConfigurator configurator) {
    return SentryId.EMPTY_ID;
  }

  @Override
  default Optional<IScopes> getInstance() {
    return Optional.empty();
  }

  @Override
  default boolean isEnabled() {
    return false;
  }

  @Override
  default boolean flush(Duration timeout) {
    return true;
  }
}
