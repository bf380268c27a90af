package org.sentrybridge.internal;

import java.time.Duration;
import org.sentrybridge.SentryService;
import org.sentrybridge.delivery.DeliveryThread;
import org.sentrybridge.delivery.Submission;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.LogRecord;
import org.sentrybridge.logs.LogsPipeline;
import org.sentrybridge.scope.ScopeSnapshot;

/**
 * What an appender's forwarder holds of the integration: a {@link Lease} on the running engine, or
 * the {@link OffSwitch} of a configuration that turned sentry-bridge off. The forwarder hands its
 * records over through this, never through the delivery classes themselves.
 */
public interface Holder extends SentryService {

  /**
   * Hands a logged error over, without blocking; false when nothing runs, the holder is off, or
   * the queue is full (the drop is counted).
   */
  boolean forward(
      LogRecord record, CaptureRules rules, ScopeSnapshot scope, StackTraceElement[] callSite);

  /** The Sentry Logs pipeline of the running engine; null when Sentry Logs are off or nothing runs. */
  LogsPipeline logs();

  /** Whether the running engine sends metadata; false when off. */
  boolean sendMetadata();

  /** Whether the running engine reads the logging thread's Sentry scope; false when off. */
  boolean captureScope();

  /** True while the engine this holder was taken on sends, whether or not it is closed. */
  boolean isEngineRunning();

  /** True when this holder is open on the running engine, which a replacement can join. */
  boolean holdsRunningEngine();

  /**
   * Gives the share back; the last holder delivers within {@code timeout}.
   *
   * @return true when everything was delivered in time, or the engine runs on
   */
  boolean close(Duration timeout);

  /** True on sentry-bridge's own threads and the SDK's: what they log is never sent. */
  static boolean isOwnThread() {
    return DeliveryThread.isCurrent();
  }
}
