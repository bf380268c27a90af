package org.sentrybridge.internal;

import java.time.Duration;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.LogRecord;
import org.sentrybridge.logs.LogsPipeline;
import org.sentrybridge.scope.ScopeSnapshot;
import org.sentrybridge.StatusReporter;

/**
 * What a configuration that turned sentry-bridge off ({@code enabled=false}, invalid settings)
 * holds: a service that does nothing and, while it is held, keeps {@code SentryBridge.service()}
 * from starting an integration of its own from the environment. Closing it lifts that.
 */
final class OffSwitch implements Holder, SendsNothing {

  final String reason;
  final StatusReporter reporter;

  OffSwitch(String reason, StatusReporter reporter) {
    this.reason = reason;
    this.reporter = reporter;
  }

  @Override
  public boolean forward(
      LogRecord record, CaptureRules rules, ScopeSnapshot scope, StackTraceElement[] callSite) {
    return false;
  }

  @Override
  public LogsPipeline logs() {
    return null;
  }

  @Override
  public boolean sendMetadata() {
    return false;
  }

  @Override
  public boolean captureScope() {
    return false;
  }

  @Override
  public boolean isEngineRunning() {
    return false;
  }

  @Override
  public boolean holdsRunningEngine() {
    return false;
  }

  @Override
  public boolean close(Duration timeout) {
    close();
    return true;
  }

  @Override
  public void close() {
    BridgeRuntime.release(this);
  }
}
