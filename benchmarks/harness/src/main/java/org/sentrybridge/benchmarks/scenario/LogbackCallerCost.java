package org.sentrybridge.benchmarks.scenario;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CallerCostState} through SLF4J + Logback, configured from {@code logback-<setup>.xml}.
 * Logback is the benchmark module's own (it is only {@code provided} here).
 */
public abstract class LogbackCallerCost extends CallerCostState {

  /** The logger the benchmark writes to, {@code bench.Checkout}. */
  protected Logger log;

  /** The pre-built exception of a logged error. */
  protected Exception error;

  /**
   * @param counted what the receiver counts and the trial reports
   */
  protected LogbackCallerCost(Counted counted) {
    super(counted);
  }

  @Override
  protected void startLogging() {
    System.setProperty("logback.configurationFile", "logback-" + setup() + ".xml");
    log = LoggerFactory.getLogger("bench.Checkout");
    error = new IllegalStateException("payment declined");
  }

  @Override
  protected void stopLogging() {
    LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    logging.stop();
    for (Status status : logging.getStatusManager().getCopyOfStatusList()) {
      if (status.getLevel() >= Status.WARN) {
        System.out.println("# logback status: " + status.getMessage());
      }
    }
  }
}
