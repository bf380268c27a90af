package org.sentrybridge.internal;

import io.sentry.IScopes;
import io.sentry.protocol.SentryId;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sentrybridge.ScopeConfigurator;
import org.sentrybridge.SentryService;
import org.sentrybridge.StatusReporter;
import org.sentrybridge.delivery.Submission;

/** One holder's handle on the running engine; closing it gives the share back. */
public final class Lease implements SentryService {

  private final Engine engine;
  private final StatusReporter reporter;
  private final AtomicBoolean closed = new AtomicBoolean();

  Lease(Engine engine, StatusReporter reporter) {
    this.engine = engine;
    this.reporter = reporter;
  }

  StatusReporter reporter() {
    return reporter;
  }

  @Override
  public SentryId sendError(Throwable error, ScopeConfigurator configurator) {
    return Services.sendError(engine, error, configurator);
  }

  @Override
  public Optional<IScopes> getInstance() {
    return engine.isEnabled() ? Optional.of(engine.scopes()) : Optional.empty();
  }

  @Override
  public boolean isEnabled() {
    return !closed.get() && engine.isEnabled();
  }

  /** Hands a submission over; false when disabled, closed or the queue is full. */
  public boolean submit(Submission submission) {
    return !closed.get() && engine.submit(submission);
  }

  public boolean sendMetadata() {
    return engine.settings().sendMetadata();
  }

  @Override
  public boolean flush(Duration timeout) {
    return engine.flush(timeout);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      BridgeRuntime.release(this);
    }
  }
}
