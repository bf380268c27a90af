package org.sentrybridge.benchmarks.scenario;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@link CallerCostState} through the Log4j2 API, configured from {@code log4j2-<setup>.xml}.
 * Log4j2 is the benchmark module's own (it is only {@code provided} here).
 */
public abstract class Log4j2CallerCost extends CallerCostState {

  /** The logger the benchmark writes to, {@code bench.Checkout}. */
  protected Logger log;

  /** The pre-built exception of a logged error. */
  protected Exception error;

  /**
   * @param counted what the receiver counts and the trial reports
   */
  protected Log4j2CallerCost(Counted counted) {
    super(counted);
  }

  @Override
  protected void startLogging() {
    System.setProperty("log4j2.configurationFile", "log4j2-" + setup() + ".xml");
    log = LogManager.getLogger("bench.Checkout");
    error = new IllegalStateException("payment declined");
  }

  @Override
  protected void stopLogging() {
    LogManager.shutdown();
  }
}
