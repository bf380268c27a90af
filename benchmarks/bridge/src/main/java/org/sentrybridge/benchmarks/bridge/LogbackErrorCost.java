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
 * Caller-thread cost of one logged error, {@code log.error("checkout failed for order {}", orderId,
 * error)} with a pre-built exception, through SLF4J + Logback:
 * no Sentry appender, the framework's no-op appender, sentry-bridge without DSN, sentry-bridge
 * enabled (on a thread with an empty Sentry scope), sentry-bridge enabled with {@code captureScope=false}.
 *
 * <p>Each invocation logs {@link CallerCost#BURST} errors; the Sentry side is flushed between
 * invocations, outside the measured time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class LogbackErrorCost extends BridgeLogbackCallerCost {

  /** Names the configuration file {@code logback-<setup>.xml}. */
  @Param({"no-appender", "nop-appender", "bridge-disabled", "bridge-enabled", "bridge-scope-off"})
  public String setup;

  public LogbackErrorCost() {
    super(Counted.EVENTS);
  }

  @Benchmark
  @OperationsPerInvocation(CallerCost.BURST)
  public void logError() {
    for (int i = 0; i < CallerCost.BURST; i++) {
      log.error("checkout failed for order {}", orderId, error);
    }
  }
}
