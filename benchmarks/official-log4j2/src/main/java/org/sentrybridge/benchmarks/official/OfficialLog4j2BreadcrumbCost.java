package org.sentrybridge.benchmarks.official;

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
 * loaded", orderId)}, through the Log4j2 API: no Sentry appender (on the official SDK's class path), the official appender enabled.
 *
 * <p>Each invocation logs {@link CallerCost#BURST} lines; the Sentry side is flushed between
 * invocations, outside the measured time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class OfficialLog4j2BreadcrumbCost extends OfficialLog4j2CallerCost {

  /** Names the configuration file {@code log4j2-<setup>.xml}. */
  @Param({"official-no-appender", "official-enabled"})
  public String setup;

  public OfficialLog4j2BreadcrumbCost() {
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
