package org.sentrybridge.benchmarks.official;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sentrybridge.benchmarks.CallerCost;

/**
 * Caller-thread cost of one INFO line, {@code log.info("order {} paid", orderId)}, through SLF4J +
 * Logback: no Sentry appender (on the official SDK's class path: the framework's own cost of the
 * line), the official sentry-logback appender with Sentry Logs off (the line becomes a breadcrumb)
 * and with Sentry Logs on ({@code <logs><enabled>true</enabled></logs>}, {@code
 * minimumLevel=INFO}).
 *
 * <p>Each invocation logs {@link CallerCost#BURST} lines; the Sentry side is flushed between
 * invocations, outside the measured time. With Logs on a flush waits for an envelope's answer, so
 * an iteration holds only tens of invocations: the warm-up (5 s) lets the JIT compile the logging
 * path, and 10 one-second iterations per fork, in 3 rounds of one fork each ({@code run-logs.sh}),
 * narrow the error bar. {@code Report} puts the setups side by side with the other class path's and
 * prints the ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class OfficialLogbackLogsCost extends OfficialLogbackCallerCost {

  /** Names the configuration file {@code logback-<setup>.xml}. */
  @Param({"official-no-appender", "official-enabled", "official-logs"})
  public String setup;

  public OfficialLogbackLogsCost() {
    super(Counted.LOG_ENTRIES);
  }

  @Benchmark
  @OperationsPerInvocation(CallerCost.BURST)
  public void logInfo() {
    for (int i = 0; i < CallerCost.BURST; i++) {
      log.info("order {} paid", orderId);
    }
  }
}
