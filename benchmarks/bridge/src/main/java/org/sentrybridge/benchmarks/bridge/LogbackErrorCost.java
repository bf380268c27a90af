package org.sentrybridge.benchmarks.bridge;

import ch.qos.logback.classic.LoggerContext;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caller-thread cost of one logged error through SLF4J + Logback: no Sentry appender, sentry-bridge without
 * DSN, sentry-bridge enabled.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class LogbackErrorCost {

  /** Names the configuration file {@code logback-<setup>.xml}. */
  @Param({"no-appender", "bridge-disabled", "bridge-enabled"})
  public String setup;

  private final Integer orderId = 42;
  private LoopbackSentryReceiver receiver;
  private Logger log;
  private Exception error;

  @Setup(Level.Trial)
  public void start() {
    receiver = LoopbackSentryReceiver.start();
    System.setProperty("bench.dsn", receiver.dsn());
    System.setProperty("logback.configurationFile", "logback-" + setup + ".xml");
    log = LoggerFactory.getLogger("bench.Checkout");
    error = new IllegalStateException("payment declined");
  }

  @Benchmark
  public void logError() {
    log.error("checkout failed for order {}", orderId, error);
  }

  @TearDown(Level.Trial)
  public void stop() {
    ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    receiver.close();
  }
}
