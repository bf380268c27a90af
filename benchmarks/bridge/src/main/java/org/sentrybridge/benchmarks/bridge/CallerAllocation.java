package org.sentrybridge.benchmarks.bridge;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.benchmarks.CallerCost;
import org.sentrybridge.benchmarks.ScopeFixture;
import org.sentrybridge.devserver.LoopbackSentryReceiver;

/**
 * Bytes allocated per logged line on the logging thread itself, and on sentry-bridge's own threads
 * per line (of which the logs thread, which builds Sentry log entries), for one caller-cost setup: a figure that load on the machine does not change (JMH's
 * {@code -prof gc} adds up every thread, so for errors it mixes in the delivery thread's work).
 * The same lines as the caller-cost benchmarks, {@link CallerCost#BURST} per burst, flushed between
 * bursts; the lowest figure of the last 10 of 30 bursts ({@code -Dbench.alloc.bursts}), once the
 * JIT has settled.
 *
 * <pre>
 * java -cp ... org.sentrybridge.benchmarks.bridge.CallerAllocation logback bridge-enabled error
 * java -cp ... org.sentrybridge.benchmarks.bridge.CallerAllocation log4j2 bridge-enabled error populated
 * java -cp ... org.sentrybridge.benchmarks.bridge.CallerAllocation logback bridge-enabled info
 * </pre>
 *
 * Arguments: {@code logback|log4j2}, the setup (names {@code logback-<setup>.xml} / {@code
 * log4j2-<setup>.xml}), {@code error|info}, and {@code populated} for a populated Sentry scope
 * ({@link ScopeFixture}). One setup per JVM: the logging framework is configured once.
 */
public final class CallerAllocation {

  /** Bursts per run ({@code -Dbench.alloc.bursts}): more give C2 time to compile a large appender. */
  private static final int BURSTS = Integer.getInteger("bench.alloc.bursts", 30);
  /** sentry-bridge's threads: delivery, senders, HTTP, the logs thread and the log encoders. */
  private static final java.util.regex.Pattern OWN_THREADS =
      java.util.regex.Pattern.compile("sentry-bridge-.*");
  /** The thread that builds Sentry log entries (not the encoders that serialize their batches). */
  private static final java.util.regex.Pattern LOGS_THREAD =
      java.util.regex.Pattern.compile("sentry-bridge-logs-\\d+");
  private static final int MEASURED = 10;
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private CallerAllocation() {}

  public static void main(String[] args) {
    String backend = args[0];
    String setup = args[1];
    boolean error = args[2].equals("error");
    boolean populated = args.length > 3 && args[3].equals("populated");
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      // counted, not kept: 300 bursts of log entries held as parsed would fill the heap
      receiver.countOnly();
      System.setProperty("bench.dsn", receiver.dsn());
      Runnable line = logger(backend, setup, error);
      if (populated) {
        ScopeFixture.populate();
      }
      long lowest = Long.MAX_VALUE;
      long ownThreads = 0;
      long logsThread = 0;
      for (int burst = 0; burst < BURSTS; burst++) {
        long ownBefore = ownThreadsAllocated(OWN_THREADS);
        long logsBefore = ownThreadsAllocated(LOGS_THREAD);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < CallerCost.BURST; i++) {
          line.run();
        }
        long after = THREADS.getCurrentThreadAllocatedBytes();
        SentryBridge.find()
            .ifPresent(s -> s.flush(Duration.ofMillis(CallerCost.DRAIN_TIMEOUT_MILLIS)));
        if (burst >= BURSTS - MEASURED) {
          lowest = Math.min(lowest, (after - before) / CallerCost.BURST);
          ownThreads += ownThreadsAllocated(OWN_THREADS) - ownBefore;
          logsThread += ownThreadsAllocated(LOGS_THREAD) - logsBefore;
        }
      }
      System.out.printf(
          Locale.ROOT,
          "allocation %-7s %-17s %-5s %-9s logging thread %5d B/line, sentry-bridge threads %5d"
              + " B/line (logs thread %5d)%n",
          backend, setup, error ? "error" : "info", populated ? "populated" : "empty", lowest,
          ownThreads / ((long) MEASURED * CallerCost.BURST),
          logsThread / ((long) MEASURED * CallerCost.BURST));
    }
    System.exit(0); // the logging framework's threads are not waited for
  }

  private static Runnable logger(String backend, String setup, boolean error) {
    Integer orderId = 42;
    Exception failure = new IllegalStateException("payment declined");
    if (backend.equals("logback")) {
      System.setProperty("logback.configurationFile", "logback-" + setup + ".xml");
      org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("bench.Checkout");
      return error
          ? () -> log.error("checkout failed for order {}", orderId, failure)
          : () -> log.info("cart {} loaded", orderId);
    }
    System.setProperty("log4j.configurationFile", "log4j2-" + setup + ".xml");
    org.apache.logging.log4j.Logger log =
        org.apache.logging.log4j.LogManager.getLogger("bench.Checkout");
    return error
        ? () -> log.error("checkout failed for order {}", orderId, failure)
        : () -> log.info("cart {} loaded", orderId);
  }

  /** Bytes allocated so far by the threads whose name matches {@code names}. */
  private static long ownThreadsAllocated(java.util.regex.Pattern names) {
    long sum = 0;
    for (java.lang.management.ThreadInfo info :
        THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null && names.matcher(info.getThreadName()).matches()) {
        sum += Math.max(0, THREADS.getThreadAllocatedBytes(info.getThreadId()));
      }
    }
    return sum;
  }
}
