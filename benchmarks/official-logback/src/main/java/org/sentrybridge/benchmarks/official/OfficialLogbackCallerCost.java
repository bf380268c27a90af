package org.sentrybridge.benchmarks.official;

import io.sentry.Sentry;
import org.sentrybridge.benchmarks.CallerCost;
import org.sentrybridge.benchmarks.scenario.LogbackCallerCost;

/** {@link LogbackCallerCost} with the official appender: its flush is the SDK's. */
public abstract class OfficialLogbackCallerCost extends LogbackCallerCost {

  /**
   * @param counted what the receiver counts and the trial reports
   */
  protected OfficialLogbackCallerCost(Counted counted) {
    super(counted);
  }

  @Override
  protected void flush() {
    Sentry.flush(CallerCost.DRAIN_TIMEOUT_MILLIS);
  }
}
