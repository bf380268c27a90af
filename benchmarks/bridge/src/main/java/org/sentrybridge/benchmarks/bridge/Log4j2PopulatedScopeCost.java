package org.sentrybridge.benchmarks.bridge;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.sentrybridge.benchmarks.CallerCost;
import org.sentrybridge.benchmarks.ScopeFixture;

/**
 * Caller-thread cost of one logged error, {@code log.error("checkout failed for order {}", orderId,
 * error)} with a pre-built exception, through the Log4j2 API, on a thread whose Sentry scope is
 * populated ({@link ScopeFixture}: 5 tags, a user, an active transaction, 20 breadcrumbs): sentry-bridge enabled.
 *
 * <p>Each invocation logs {@link CallerCost#BURST} lines; the Sentry side is flushed between
 * invocations, outside the measured time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class Log4j2PopulatedScopeCost extends BridgeLog4j2CallerCost {

  /** Names the configuration file {@code log4j2-<setup>.xml}. */
  @Param({"bridge-enabled"})
  public String setup;

  public Log4j2PopulatedScopeCost() {
    super(Counted.EVENTS);
  }

  @Benchmark
  @OperationsPerInvocation(CallerCost.BURST)
  public void logError() {
    for (int i = 0; i < CallerCost.BURST; i++) {
      log.error("checkout failed for order {}", orderId, error);
    }
  }

  @Override
  protected void prepareThread() {
    // on the benchmark thread (thread-scoped state): its own scope, filled like a request's
    ScopeFixture.populate();
  }
}
