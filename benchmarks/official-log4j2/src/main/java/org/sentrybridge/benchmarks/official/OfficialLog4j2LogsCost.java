package org.sentrybridge.benchmarks.official;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import io.sentry.Sentry;
import org.sentrybridge.benchmarks.CallerCost;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Caller-thread cost of one INFO line, {@code log.info("order {} paid", orderId)}, through the Log4j2
 * API: the official sentry-log4j2 appender with Sentry Logs off (the line becomes a breadcrumb)
 * and with Sentry Logs on ({@code -Dsentry.logs.enabled=true}, {@code minimumLevel=INFO}).
 *
 * <p>Each invocation logs {@link CallerCost#BURST} lines; the Sentry side is flushed between
 * invocations, outside the measured time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class OfficialLog4j2LogsCost {

  /** Names the configuration file {@code log4j2-<setup>.xml}. */
  @Param({"official-enabled", "official-logs"})
  public String setup;

  private final Integer orderId = 42;
  private LoopbackSentryReceiver receiver;
  private Logger log;

  @Setup(Level.Trial)
  public void start() {
    if (setup.endsWith("-logs")) {
      System.setProperty("sentry.logs.enabled", "true"); // read by the SDK's external options
    }
    receiver = LoopbackSentryReceiver.start();
    receiver.countLogsOnly();
    System.setProperty("bench.dsn", receiver.dsn());
    System.setProperty("log4j2.configurationFile", "log4j2-" + setup + ".xml");
    log = LogManager.getLogger("bench.Checkout");
  }

  @Benchmark
  @OperationsPerInvocation(CallerCost.BURST)
  public void logInfo() {
    for (int i = 0; i < CallerCost.BURST; i++) {
      log.info("order {} paid", orderId);
    }
  }

  @TearDown(Level.Invocation)
  public void drain() {
    Sentry.flush(CallerCost.DRAIN_TIMEOUT_MILLIS);
  }

  @TearDown(Level.Trial)
  public void stop() {
    LogManager.shutdown();
    System.out.println("# log entries received: " + receiver.logCount());
    receiver.close();
  }
}
