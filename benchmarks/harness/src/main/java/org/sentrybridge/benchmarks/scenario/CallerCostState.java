package org.sentrybridge.benchmarks.scenario;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.sentrybridge.benchmarks.CallerCost;
import org.sentrybridge.devserver.LoopbackSentryReceiver;

/**
 * The trial around a caller-cost benchmark, the same for sentry-bridge and the official appenders:
 * a loopback receiver whose DSN the configuration reads as {@code ${bench.dsn}}, the logging
 * framework started from the configuration file named by the benchmark's {@code setup} parameter,
 * the Sentry side flushed between bursts, and what arrived printed at the end.
 *
 * <p>Only the timed loop (the {@code @Benchmark} method, so that its name stays the benchmark's),
 * the {@code setup} values and the flush of the appender under test are in the benchmark class.
 */
public abstract class CallerCostState {

  /** The argument of every logged line. */
  protected final Integer orderId = 42;

  /** What the receiver counts: events, or only Sentry Logs entries. */
  protected enum Counted {
    /** Error events. */
    EVENTS,
    /** Sentry Logs entries (the other items are dropped unparsed). */
    LOG_ENTRIES
  }

  private final Counted counted;
  private LoopbackSentryReceiver receiver;
  /** Benchmark invocations so far, warm-up included: each logs {@link CallerCost#BURST} lines. */
  private long invocations;

  /**
   * @param counted what the receiver counts and the trial reports
   */
  protected CallerCostState(Counted counted) {
    this.counted = counted;
  }

  /**
   * The benchmark's {@code setup} parameter: the public field {@code setup} that every benchmark
   * class declares with its {@code @Param} values (JMH takes the values from the field's own class).
   *
   * @return the setup, which names the configuration file
   */
  protected String setup() {
    try {
      return (String) getClass().getField("setup").get(this);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          getClass().getName() + " declares no public @Param String field named setup", e);
    }
  }

  /** Points the framework at its configuration file for this setup and takes the logger. */
  protected abstract void startLogging();

  /** Stops the framework, reporting what its status channel warned about. */
  protected abstract void stopLogging();

  /**
   * Waits (at most {@link CallerCost#DRAIN_TIMEOUT_MILLIS}) until the appender under test has
   * handed everything to Sentry.
   */
  protected abstract void flush();

  /** Runs on the benchmark thread once logging is started; nothing by default. */
  protected void prepareThread() {}

  /** Starts the receiver and the logging framework. */
  @Setup(Level.Trial)
  public void start() {
    receiver = LoopbackSentryReceiver.start();
    // counted from the item headers, nothing parsed or kept: the receiver runs in the measured
    // process, where holding every event would grow the heap and each GC pause through the run
    receiver.countOnly();
    System.setProperty("bench.dsn", receiver.dsn());
    startLogging();
    prepareThread();
  }

  /** Empties the Sentry side between bursts, outside the measured time. */
  @TearDown(Level.Invocation)
  public void drain() {
    invocations++;
    flush();
  }

  /** Stops logging and the receiver, printing what arrived. */
  @TearDown(Level.Trial)
  public void stop() {
    stopLogging();
    if (counted == Counted.LOG_ENTRIES) {
      // with Logs on, received = logged shows that every measured line went the whole way, none
      // was dropped by a full queue (which would make the line cheaper than it is)
      System.out.println(
          "# lines logged: " + invocations * CallerCost.BURST + ", log entries received: "
              + receiver.logCount());
    } else {
      System.out.println("# events received: " + receiver.eventCount());
    }
    receiver.close();
  }
}
