package org.sentrybridge.internal;

import io.sentry.IScopes;
import io.sentry.protocol.SentryId;
import java.time.Duration;
import java.util.Optional;
import org.sentrybridge.ScopeConfigurator;
import org.sentrybridge.SentryService;

/**
 * The view {@code SentryBridge.service()} returns: it follows whatever engine runs at the time of
 * each call, so it stays valid across appender restarts. Closing it releases only the handle that
 * {@code service()} itself took when nothing else was running.
 */
public final class SharedService implements SentryService {

  public static final SharedService INSTANCE = new SharedService();

  private SharedService() {}

  @Override
  public SentryId sendError(Throwable error, ScopeConfigurator configurator) {
    Engine engine = BridgeRuntime.current();
    return engine == null ? SentryId.EMPTY_ID : engine.sendError(error, configurator);
  }

  @Override
  public Optional<IScopes> getInstance() {
    Engine engine = BridgeRuntime.current();
    return engine != null && engine.isEnabled() ? Optional.of(engine.scopes()) : Optional.empty();
  }

  @Override
  public boolean isEnabled() {
    Engine engine = BridgeRuntime.current();
    return engine != null && engine.isEnabled();
  }

  @Override
  public boolean flush(Duration timeout) {
    Engine engine = BridgeRuntime.current();
    return engine == null || engine.flush(timeout);
  }

  @Override
  public void close() {
    BridgeRuntime.releaseDefault();
  }
}
