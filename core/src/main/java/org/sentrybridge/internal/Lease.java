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

  public boolean captureScope() {
    return engine.settings().captureScope();
  }

  @Override
  public boolean flush(Duration timeout) {
    return engine.flush(timeout);
  }

  @Override
  public void close() {
    close(engine.settings().flushTimeout());
  }

  /**
   * Delivers what was handed over, then gives the share back, all within {@code timeout}: the
   * last holder's shutdown waits for the network only until the same deadline.
   *
   * @return true when everything handed over was delivered in time
   */
  public boolean close(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!closed.compareAndSet(false, true)) {
      return true;
    }
    // another holder may keep the integration running, so the shutdown alone would not deliver ours
    boolean delivered = engine.flush(timeout);
    BridgeRuntime.release(this, deadline);
    return delivered;
  }
}
