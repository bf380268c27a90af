package org.sentrybridge.internal;

import io.sentry.IScopes;
import io.sentry.protocol.SentryId;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sentrybridge.ScopeConfigurator;
import org.sentrybridge.StatusReporter;
import org.sentrybridge.delivery.Submission;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.LogRecord;
import org.sentrybridge.scope.ScopeSnapshot;

/** One holder's handle on the running engine; closing it gives the share back. */
public final class Lease implements Holder {

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

  Engine engine() {
    return engine;
  }

  @Override
  public SentryId sendError(Throwable error, ScopeConfigurator configurator) {
    return engine.sendError(error, configurator);
  }

  @Override
  public Optional<IScopes> getInstance() {
    return engine.isEnabled() ? Optional.of(engine.scopes()) : Optional.empty();
  }

  @Override
  public boolean isEnabled() {
    return !closed.get() && engine.isEnabled();
  }

  @Override
  public boolean isEngineRunning() {
    return engine.isEnabled();
  }

  /**
   * True when this lease is open on the running engine: a replacement joins it rather than
   * restarting it, whatever its settings (differences are reported when it joins).
   */
  @Override
  public boolean holdsRunningEngine() {
    return !closed.get() && engine == BridgeRuntime.current();
  }

  /**
   * A closed lease still hands over to an engine that runs on for other holders: an appender that
   * was replaced in a reconfiguration may still receive an event or two on the way out.
   */
  @Override
  public boolean forward(
      LogRecord record, CaptureRules rules, ScopeSnapshot scope, StackTraceElement[] callSite) {
    boolean sendMetadata = engine.settings().sendMetadata();
    return engine.submit(Submission.ofLog(record, rules, scope, callSite, sendMetadata));
  }

  @Override
  public org.sentrybridge.logs.LogsPipeline logs() {
    return engine.logs();
  }

  @Override
  public boolean sendMetadata() {
    return engine.settings().sendMetadata();
  }

  @Override
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
   * Gives the share back. The last holder delivers what was handed over and stops the engine, all
   * within {@code timeout}; while others hold the engine this returns at once, and the running
   * engine delivers what this holder handed over.
   *
   * @return true when everything was delivered in time, or the engine runs on
   */
  @Override
  public boolean close(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!closed.compareAndSet(false, true)) {
      return true;
    }
    return BridgeRuntime.release(this, timeout, deadline);
  }
}
