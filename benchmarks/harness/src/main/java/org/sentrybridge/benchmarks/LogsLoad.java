package org.sentrybridge.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sentrybridge.devserver.LoopbackSentryReceiver;

/**
 * The Sentry Logs delivery benchmark: {@code bench.logs.threads} threads (8) log INFO lines ({@code
 * log.info("order {} paid", id)}) at {@code bench.logs.rate} lines per second in total (50,000)
 * for {@code bench.logs.seconds} (10 s), paced (each thread wakes about once a millisecond and logs
 * the lines due by then), against the loopback receiver.
 *
 * <ul>
 *   <li>{@code sustained}: the receiver answers at once. Reported: lines logged and delivered,
 *       loss, delivered lines/s (from the first line to the last arrival), envelopes.
 *   <li>{@code overload}: the receiver answers each request after {@code bench.logs.delaySeconds}
 *       (5 s). Reported: the worst single logging call, heap used after a full GC at the end of
 *       the logging (before the stop) minus before it, lines delivered after the stop, and the
 *       drops the integration reported: logged = delivered + reported means every drop was
 *       counted.
 * </ul>
 *
 * <p>Both report the worst logging call of all ({@code worst-call-us}), the worst one that
 * overlaps no garbage-collection pause ({@code worst-call-outside-gc-us}: a pause stops every
 * thread, whatever the appender does), the longest pause and their count ({@link GcPauses}, JFR's
 * {@code jdk.GCPhasePause}), the worst call that overlaps neither a pause nor a stall of the
 * machine ({@code worst-call-outside-stalls-us}, {@link Stalls}), the longest stall and their
 * count, and {@code unaccounted}: logged - delivered - reported drops (zero when every loss was
 * counted; the official appenders report none, so theirs is their loss).
 *
 * <p>A second line gives the CPU seconds of each thread group from the start of the logging until
 * the deliveries stopped ({@link ThreadCpu}: {@code sentry-bridge-logs-N} builds entries, {@code
 * sentry-bridge-logs-encoder-N} serializes and compresses, {@code sentry-bridge-sender-N} hands out
 * envelopes, {@code sentry-bridge-http-N} posts them, {@code loopback-sentry-connection} is the
 * receiver, {@code bench-logs-N} the logging threads), and of the whole process (GC and JIT
 * included): where the time goes on a machine the receiver shares.
 *
 * <p>Logged, delivered and lost include the {@link #WARM_UP_LINES} logged before the timing.
 */
public final class LogsLoad {

  static final int THREADS = Integer.getInteger("bench.logs.threads", 8);
  static final int RATE = Integer.getInteger("bench.logs.rate", 50_000);
  static final int SECONDS = Integer.getInteger("bench.logs.seconds", 10);
  static final int DELAY_SECONDS = Integer.getInteger("bench.logs.delaySeconds", 5);
  /** Logged before the timing starts; counted with the others in logged, delivered and lost. */
  static final int WARM_UP_LINES = 2_000;
  private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(5);
  /** A logging thread wakes at most about once per this time and logs the lines due by then. */
  static final long PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(120);

  /** Logs one INFO line with one argument. */
  @FunctionalInterface
  public interface LineLogger {
    void info(String template, Object argument);
  }

  /** What a backend gives the benchmark. */
  public interface Backend {
    /** Logs one line. */
    LineLogger logger();

    /** Flushes what was logged, waiting up to {@code timeout}. */
    void flush(Duration timeout);

    /** Stops the logging framework (and with it the Sentry integration). */
    void stop();

    /** Log entries the integration reported as dropped, read after {@link #stop}; -1: none said. */
    long reportedDrops();
  }

  /** The warning sentry-bridge reports when log entries were dropped or rejected, with a count. */
  private static final Pattern DROPPED =
      Pattern.compile("\\b(\\d+) log entr(?:y|ies) (?:dropped|rejected by Sentry): ");

  private LogsLoad() {}

  /**
   * The sum of the counts in sentry-bridge's "log entries dropped or rejected" warnings.
   *
   * @param warnings the warnings the framework's status channel kept
   * @return the log entries the warnings report as dropped
   */
  public static long droppedCount(Iterable<String> warnings) {
    long dropped = 0;
    for (String warning : warnings) {
      Matcher counted = DROPPED.matcher(warning);
      if (counted.find()) {
        dropped += Long.parseLong(counted.group(1));
      }
    }
    return dropped;
  }

  /**
   * The scenario the program arguments name, {@code sustained} by default.
   *
   * @param args the program arguments
   * @return {@code sustained} or what the first argument says
   */
  public static String scenario(String[] args) {
    return args.length > 0 ? args[0] : "sustained";
  }

  /**
   * A backend made of its parts.
   *
   * @param log logs one line
   * @param flush flushes what was logged, waiting up to the given time
   * @param stop stops the logging framework
   * @param drops the log entries the integration reported as dropped; -1: none said
   * @return the backend
   */
  public static Backend backend(
      LineLogger log, Consumer<Duration> flush, Runnable stop, LongSupplier drops) {
    return new Backend() {
      @Override
      public LineLogger logger() {
        return log;
      }

      @Override
      public void flush(Duration timeout) {
        flush.accept(timeout);
      }

      @Override
      public void stop() {
        stop.run();
      }

      @Override
      public long reportedDrops() {
        return drops.getAsLong();
      }
    };
  }

  /** Runs one scenario ({@code sustained} or {@code overload}) and prints its figures. */
  public static void run(
      String scenario, String setup, LoopbackSentryReceiver receiver, Backend backend)
      throws InterruptedException {
    receiver.countLogsOnly();
    boolean overload = "overload".equals(scenario);
    if (overload) {
      receiver.delayAnswers(Duration.ofSeconds(DELAY_SECONDS));
    }
    LineLogger log = backend.logger();
    for (int i = 0; i < WARM_UP_LINES; i++) {
      log.info("warm-up {}", i); // class loading and first-call work outside the timing
    }
    backend.flush(Duration.ofSeconds(overload ? 1 : 30));
    long heapBefore = usedHeapAfterGc();

    AtomicLong logged = new AtomicLong();
    CallTimes calls = new CallTimes();
    GcPauses gc = GcPauses.start();
    Stalls stalls = Stalls.start();
    ThreadCpu cpu = ThreadCpu.start();
    long start = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Thread thread = new Thread(() -> logPaced(log, start, logged, calls), "bench-logs-" + t);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long loggingDone = System.nanoTime();
    List<GcPauses.Pause> stalled = stalls.stop();
    List<GcPauses.Pause> pauses;
    try {
      pauses = gc.stop();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the GC pauses", e);
    }
    long longestPause = pauses.stream().mapToLong(GcPauses.Pause::nanos).max().orElse(0);
    long longestStall = stalled.stream().mapToLong(GcPauses.Pause::nanos).max().orElse(0);
    List<GcPauses.Pause> pausesAndStalls = new ArrayList<>(pauses);
    pausesAndStalls.addAll(stalled);
    pausesAndStalls.sort(Comparator.comparingLong(GcPauses.Pause::startNanos));
    long heapAfter = usedHeapAfterGc();
    receiver.delayAnswers(Duration.ZERO);
    backend.flush(Duration.ofSeconds(60));
    logged.addAndGet(WARM_UP_LINES);
    long lastArrival = waitUntilQuiet(receiver, logged.get(), loggingDone);
    String cpuLine = cpu.stop();
    backend.stop();
    long delivered = receiver.logCount();
    long reported = backend.reportedDrops();

    String line =
        String.format(
            Locale.ROOT,
            "logs %s %s: logged=%d delivered=%d lost=%d reported-drops=%s unaccounted=%d"
                + " delivered/s=%.0f envelopes=%d worst-call-us=%.1f worst-call-outside-gc-us=%.1f"
                + " slow-calls-outside-gc=%d longest-gc-pause-us=%.1f gc-pauses=%d"
                + " worst-call-outside-stalls-us=%.1f longest-stall-us=%.1f stalls=%d%s"
                + " heap-growth-MB=%.1f logging-s=%.1f",
            scenario,
            setup,
            logged.get(),
            delivered,
            logged.get() - delivered,
            reported < 0 ? "none" : Long.toString(reported),
            logged.get() - delivered - Math.max(0, reported),
            delivered / Math.max(0.001, (lastArrival - start) / 1e9),
            receiver.logEnvelopeCount(),
            calls.worst() / 1000.0,
            calls.worstOutside(pauses) / 1000.0,
            calls.slowOutside(pauses),
            longestPause / 1000.0,
            pauses.size(),
            calls.worstOutside(pausesAndStalls) / 1000.0,
            longestStall / 1000.0,
            stalled.size(),
            calls.slowNotKept() > 0 ? " slow-calls-not-kept=" + calls.slowNotKept() : "",
            (heapAfter - heapBefore) / 1_048_576.0,
            (loggingDone - start) / 1e9);
    String cpuSeconds = String.format(Locale.ROOT, "logs %s %s %s", scenario, setup, cpuLine);
    System.out.println(line);
    System.out.println(cpuSeconds);
    String file = System.getProperty("bench.results");
    if (file != null) {
      DeliveryBurst.append(Path.of(file), line);
      DeliveryBurst.append(Path.of(file), cpuSeconds);
    }
  }

  private static void logPaced(LineLogger log, long start, AtomicLong logged, CallTimes total) {
    long perThread = (long) RATE * SECONDS / THREADS;
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) * THREADS / RATE;
    CallTimes calls = new CallTimes();
    Integer orderId = 42;
    for (long i = 0; i < perThread; i++) {
      long due = start + i * intervalNanos;
      long now = System.nanoTime();
      if (due - now > 0) {
        // one wake-up per PACE_NANOS logs every line due by then: a wake-up per line (50,000 a
        // second) cost the logging threads more CPU than the logging, taken from the send side
        LockSupport.parkNanos(due - now + PACE_NANOS);
      }
      long before = System.nanoTime();
      log.info("order {} paid", orderId);
      calls.record(before, System.nanoTime() - before);
    }
    logged.addAndGet(perThread);
    total.merge(calls);
  }

  private static long waitUntilQuiet(LoopbackSentryReceiver receiver, long expected, long since)
      throws InterruptedException {
    long deadline = since + MAX_WAIT_NANOS;
    long seen = receiver.logCount();
    long lastChange = System.nanoTime();
    while (receiver.logCount() < expected && System.nanoTime() < deadline) {
      long now = System.nanoTime();
      long count = receiver.logCount();
      if (count != seen) {
        seen = count;
        lastChange = now;
      } else if (now - lastChange > QUIET_NANOS) {
        return lastChange;
      }
      // a measuring loop, not a test: polling the counter keeps the receiver threads undisturbed
      Thread.sleep(20);
    }
    return System.nanoTime();
  }

  private static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}
