package org.sentrybridge.benchmarks.bridge;

import java.time.Duration;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.benchmarks.CallerCost;
import org.sentrybridge.benchmarks.scenario.Log4j2CallerCost;

/** {@link Log4j2CallerCost} with sentry-bridge: its flush is sentry-bridge's (its delivery thread, then the SDK's transport). */
public abstract class BridgeLog4j2CallerCost extends Log4j2CallerCost {

  /**
   * @param counted what the receiver counts and the trial reports
   */
  protected BridgeLog4j2CallerCost(Counted counted) {
    super(counted);
  }

  @Override
  protected void flush() {
    SentryBridge.find()
        .ifPresent(service -> service.flush(Duration.ofMillis(CallerCost.DRAIN_TIMEOUT_MILLIS)));
  }
}
