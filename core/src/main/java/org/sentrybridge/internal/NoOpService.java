package org.sentrybridge.internal;

import io.sentry.IScopes;
import io.sentry.protocol.SentryId;
import java.time.Duration;
import java.util.Optional;
import org.sentrybridge.ScopeConfigurator;
import org.sentrybridge.SentryService;

/** The service when the integration is turned off: every call does nothing. */
public enum NoOpService implements SentryService {
  INSTANCE;

  @Override
  public SentryId sendError(Throwable error, ScopeConfigurator configurator) {
    return SentryId.EMPTY_ID;
  }

  @Override
  public Optional<IScopes> getInstance() {
    return Optional.empty();
  }

  @Override
  public boolean isEnabled() {
    return false;
  }

  @Override
  public boolean flush(Duration timeout) {
    return true;
  }

  @Override
  public void close() {}
}
