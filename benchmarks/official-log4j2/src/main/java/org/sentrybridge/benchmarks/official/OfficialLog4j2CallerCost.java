package org.sentrybridge.benchmarks.official;

import io.sentry.Sentry;
import org.sentrybridge.benchmarks.CallerCost;
import org.sentrybridge.benchmarks.scenario.Log4j2CallerCost;

/** {@link Log4j2CallerCost} with the official appender: its flush is the SDK's. */
public abstract class OfficialLog4j2CallerCost extends Log4j2CallerCost {

  /**
   * @param counted what the receiver counts and the trial reports
   */
  protected OfficialLog4j2CallerCost(Counted counted) {
    super(counted);
  }

  @Override
  protected void flush() {
    Sentry.flush(CallerCost.DRAIN_TIMEOUT_MILLIS);
  }
}
