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

/**
 * Caller-thread cost of an INFO line that becomes a Sentry breadcrumb, {@code log.info("cart {}
 * loaded", orderId)}, through SLF4J + Logback: no Sentry appender, Logback's NOPAppender (what
 * calling any appender costs), sentry-bridge enabled.
 *
 * <p>Each invocation logs {@link CallerCost#BURST} lines; the Sentry side is flushed between
 * invocations, outside the measured time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class LogbackBreadcrumbCost extends BridgeLogbackCallerCost {

  /** Names the configuration file {@code logback-<setup>.xml}. */
  @Param({"no-appender", "nop-appender", "bridge-enabled"})
  public String setup;

  public LogbackBreadcrumbCost() {
    super(Counted.EVENTS);
  }

  @Benchmark
  @OperationsPerInvocation(CallerCost.BURST)
  public void logInfo() {
    for (int i = 0; i < CallerCost.BURST; i++) {
      log.info("cart {} loaded", orderId);
    }
  }
}
