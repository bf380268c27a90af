package org.sentrybridge.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sentrybridge.devserver.LoopbackSentryReceiver;

/**
 * The Sentry Logs delivery benchmark: {@code bench.logs.threads} threads (8) log INFO lines ({@code
 * log.info("order {} paid", id)}) at {@code bench.logs.rate} lines per second in total (50,000)
 * for {@code bench.logs.seconds} (10 s), paced (each thread wakes about once a millisecond and logs
 * the lines due by then), against the loopback receiver.
 *
 * <p>Steady state: first the same scenario runs at the same rate for {@code bench.logs.warmup}
 * seconds (30; 0 for a cold start with only {@link #COLD_START_LINES} lines before), so that the
 * JIT compilation, class loading and thread start-up of a fresh JVM fall outside the measured
 * window. Then everything drains (the receiver answers at once, a flush, the receiver's count
 * still for a second) and the counts start again: logged, delivered, envelopes, drops, CPU, GC
 * pauses, safepoints, stalls, heap. A first line says what the warm-up logged and delivered; what
 * it did not deliver was dropped before the reset and is taken from the drops reported at the end.
 *
 * <ul>
 *   <li>{@code sustained}: the receiver answers at once. Reported: lines logged and delivered,
 *       loss, delivered lines/s (from the first line to the last arrival), envelopes.
 *   <li>{@code overload}: the receiver answers each request after {@code bench.logs.delaySeconds}
 *       (5 s), in the warm-up too. Reported: the worst single logging call, heap used after a full
 *       GC at the end of the logging (before the stop) minus before it, lines delivered after the
 *       stop, and the drops the integration reported: logged = delivered + reported means every
 *       drop was counted.
 * </ul>
 *
 * <p>Both report the worst logging call of all ({@code worst-call-us}), the worst one that
 * overlaps no garbage-collection pause ({@code worst-call-outside-gc-us}), the worst one that
 * overlaps no safepoint ({@code worst-call-outside-safepoints-us}: every safepoint stops all Java
 * threads, whatever the appender does: GC, deoptimization, code cache, JFR; {@link JvmEvents}),
 * the worst one that overlaps neither a safepoint nor a stall of the machine ({@code
 * worst-call-outside-safepoints-and-stalls-us}, {@link Stalls}), the longest pause, safepoint and
 * stall and their counts, and {@code unaccounted}: logged - delivered - reported drops (zero when
 * every loss was counted; the official appenders report none, so theirs is their loss).
 *
 * <p>A second line gives the CPU seconds of each thread group in the measured window ({@link
 * ThreadCpu}: {@code sentry-bridge-logs-N} builds entries, {@code sentry-bridge-logs-encoder-N}
 * serializes and compresses, {@code sentry-bridge-sender-N} hands out envelopes, {@code
 * sentry-bridge-http-N} posts them, {@code loopback-sentry-connection} is the receiver, {@code
 * bench-logs-N} the logging threads), and of the whole process (GC and JIT included). A third line
 * explains the calls of 1 ms or more outside safepoints ({@link SlowCallCauses}) and gives the
 * logging threads' time runnable without a CPU and their preemptions ({@link SchedStats}); with
 * {@code -Dbench.logs.diagnose=true} it also matches them with what their thread waited for (JFR)
 * and their CPU time, which costs the figures some CPU.
 */
public final class LogsLoad {

  static final int THREADS = Integer.getInteger("bench.logs.threads", 8);
  static final int RATE = Integer.getInteger("bench.logs.rate", 50_000);
  static final int SECONDS = Integer.getInteger("bench.logs.seconds", 10);
  static final int DELAY_SECONDS = Integer.getInteger("bench.logs.delaySeconds", 5);
  /**
   * With {@code -Dbench.logs.histogram=N}: the N classes that hold the most heap right after the
   * heap is measured at the end of the logging (live objects only; the list is printed, not timed).
   */
  static final int HISTOGRAM_ROWS = Integer.getInteger("bench.logs.histogram", 0);
  /**
   * Seconds of the same scenario at the same rate before the measured window (30: on a busy 2-core
   * machine 10 s left the JIT compilers 5 CPU-seconds of work in the window); 0: a cold start,
   * only {@link #COLD_START_LINES} lines before it.
   */
  static final int WARM_UP_SECONDS = Integer.getInteger("bench.logs.warmup", 30);
  /** The warm-up runs in rounds of at most this many seconds. */
  static final int WARM_UP_ROUND_SECONDS = 5;
  /** Logged before the measured window of a cold start (first calls, class loading). */
  static final int COLD_START_LINES = 2_000;
  /**
   * Records what the logging threads wait for (JFR parks, monitors, class loads, allocations
   * outside TLABs) and each call's CPU time: explains the slow calls, at a cost to the figures.
   */
  static final boolean DIAGNOSE = Boolean.getBoolean("bench.logs.diagnose");
  private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(5);
  /** After a drain the receiver's count must stay still this long. */
  private static final long STABLE_NANOS = TimeUnit.SECONDS.toNanos(1);
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

    /**
     * The integration's warnings about dropped log entries, read after {@link #stop}; null when it
     * reports none.
     */
    List<String> dropWarnings();
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
   * The counts in sentry-bridge's "log entries dropped or rejected" warnings summed per reason (the
   * reason up to its detail in parentheses).
   *
   * @param warnings the warnings the framework's status channel kept
   * @return reason to log entries
   */
  static Map<String, Long> dropReasons(Iterable<String> warnings) {
    Map<String, Long> reasons = new TreeMap<>();
    for (String warning : warnings) {
      Matcher counted = DROPPED.matcher(warning);
      if (counted.find()) {
        String reason = warning.substring(counted.end());
        int detail = reason.indexOf(" (");
        reasons.merge(
            detail < 0 ? reason : reason.substring(0, detail),
            Long.parseLong(counted.group(1)),
            Long::sum);
      }
    }
    return reasons;
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
   * @param dropWarnings the integration's warnings, read after the stop; null: it reports no drops
   * @return the backend
   */
  public static Backend backend(
      LineLogger log,
      Consumer<Duration> flush,
      Runnable stop,
      Supplier<List<String>> dropWarnings) {
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
      public List<String> dropWarnings() {
        return dropWarnings == null ? null : dropWarnings.get();
      }
    };
  }

  /** Runs one scenario ({@code sustained} or {@code overload}) and prints its figures. */
  public static void run(
      String scenario, String setup, LoopbackSentryReceiver receiver, Backend backend)
      throws InterruptedException {
    receiver.countLogsOnly();
    boolean overload = "overload".equals(scenario);
    Duration delay = overload ? Duration.ofSeconds(DELAY_SECONDS) : Duration.ZERO;
    LineLogger log = backend.logger();

    // the warm-up: the same scenario at the same rate, so that the measured window starts with the
    // code compiled, the classes loaded and the pools started; then everything drains
    AtomicLong warmUpLines = new AtomicLong();
    double lastRoundJit = -1;
    Drained warmUp = null;
    int rounds = (WARM_UP_SECONDS + WARM_UP_ROUND_SECONDS - 1) / WARM_UP_ROUND_SECONDS;
    for (int round = 0; round < rounds; round++) {
      receiver.delayAnswers(delay);
      int seconds =
          Math.min(WARM_UP_ROUND_SECONDS, WARM_UP_SECONDS - round * WARM_UP_ROUND_SECONDS);
      lastRoundJit = warmUpRound(log, seconds, warmUpLines);
      warmUp = drain(receiver, backend);
    }
    long warmUpLogged = warmUpLines.get();
    if (rounds == 0) {
      for (int i = 0; i < COLD_START_LINES; i++) {
        log.info("warm-up {}", i); // the first calls' class loading outside the timing
      }
      warmUpLogged = COLD_START_LINES;
      warmUp = drain(receiver, backend);
    }
    // the reset: from here on only the measured window counts
    long deliveredBefore = receiver.logCount();
    long envelopesBefore = receiver.logEnvelopeCount();
    long warmUpNotDelivered = warmUpLogged - deliveredBefore;
    String warmUpLine =
        String.format(
            Locale.ROOT,
            "logs %s %s warm-up: %s logged=%d delivered=%d not-delivered=%d last-drain-s=%.1f"
                + " receiver-stable=%s",
            scenario,
            setup,
            WARM_UP_SECONDS > 0
                ? String.format(
                    Locale.ROOT,
                    "%d s at %d lines/s in %d rounds (jit-cpu-s of the last: %.2f),",
                    WARM_UP_SECONDS,
                    RATE,
                    rounds,
                    lastRoundJit)
                : "none (cold start: " + COLD_START_LINES + " lines unpaced),",
            warmUpLogged,
            deliveredBefore,
            warmUpNotDelivered,
            warmUp.nanos() / 1e9,
            warmUp.stable());
    receiver.delayAnswers(delay);
    long heapBefore = usedHeapAfterGc();

    CallTimes calls = new CallTimes();
    SchedStats[] scheduler = {SchedStats.NONE};
    JvmEvents jvm = JvmEvents.start(DIAGNOSE);
    Stalls stalls = Stalls.start();
    ThreadCpu cpu = ThreadCpu.start();
    long start = System.nanoTime();
    long logged = logAtRate(log, start, SECONDS, calls, scheduler, DIAGNOSE);
    long loggingDone = System.nanoTime();
    List<Pause> stalled = stalls.stop();
    jvm.stop();
    long heapAfter = usedHeapAfterGc();
    if (HISTOGRAM_ROWS > 0) {
      System.out.println(liveClassHistogram(HISTOGRAM_ROWS));
    }
    receiver.delayAnswers(Duration.ZERO);
    backend.flush(Duration.ofSeconds(60));
    long lastArrival = waitUntilQuiet(receiver, deliveredBefore + logged, loggingDone);
    String cpuLine = cpu.stop();
    JvmEvents.Recorded recorded;
    try {
      recorded = jvm.read(); // after the CPU window: parsing the recording is the harness's work
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the JFR recording", e);
    }
    List<Pause> pauses = recorded.gcPauses();
    List<Pause> safepoints = recorded.safepoints();
    long longestPause = pauses.stream().mapToLong(Pause::nanos).max().orElse(0);
    long longestSafepoint = safepoints.stream().mapToLong(Pause::nanos).max().orElse(0);
    long longestStall = stalled.stream().mapToLong(Pause::nanos).max().orElse(0);
    List<Pause> pausesAndStalls = merged(pauses, stalled);
    List<Pause> safepointsAndStalls = merged(safepoints, stalled);
    backend.stop();
    long delivered = receiver.logCount() - deliveredBefore;
    List<String> warnings = backend.dropWarnings();
    long reportedAll = warnings == null ? -1 : droppedCount(warnings);
    // the drops reported at the stop include the warm-up's: it drained before the reset, so what
    // it did not deliver was dropped then
    long reported = reportedAll < 0 ? -1 : reportedAll - warmUpNotDelivered;

    String line =
        String.format(
            Locale.ROOT,
            "logs %s %s: logged=%d delivered=%d lost=%d reported-drops=%s unaccounted=%d"
                + " delivered/s=%.0f envelopes=%d worst-call-us=%.1f worst-call-outside-gc-us=%.1f"
                + " slow-calls-outside-gc=%d longest-gc-pause-us=%.1f gc-pauses=%d"
                + " worst-call-outside-safepoints-us=%.1f longest-safepoint-us=%.1f safepoints=%d"
                + " worst-call-outside-stalls-us=%.1f"
                + " worst-call-outside-safepoints-and-stalls-us=%.1f longest-stall-us=%.1f"
                + " stalls=%d%s heap-growth-MB=%.1f logging-s=%.1f",
            scenario,
            setup,
            logged,
            delivered,
            logged - delivered,
            reported < 0 ? "none" : Long.toString(reported),
            logged - delivered - Math.max(0, reported),
            delivered / Math.max(0.001, (lastArrival - start) / 1e9),
            receiver.logEnvelopeCount() - envelopesBefore,
            calls.worst() / 1000.0,
            calls.worstOutside(pauses) / 1000.0,
            calls.slowOutside(pauses),
            longestPause / 1000.0,
            pauses.size(),
            calls.worstOutside(safepoints) / 1000.0,
            longestSafepoint / 1000.0,
            safepoints.size(),
            calls.worstOutside(pausesAndStalls) / 1000.0,
            calls.worstOutside(safepointsAndStalls) / 1000.0,
            longestStall / 1000.0,
            stalled.size(),
            calls.slowNotKept() > 0 ? " slow-calls-not-kept=" + calls.slowNotKept() : "",
            (heapAfter - heapBefore) / 1_048_576.0,
            (loggingDone - start) / 1e9);
    String cpuSeconds = String.format(Locale.ROOT, "logs %s %s %s", scenario, setup, cpuLine);
    String slowCalls =
        String.format(
            Locale.ROOT,
            "logs %s %s slow-calls: %s logging-threads-run-queue-wait-ms=%.1f"
                + " logging-threads-preempted=%d",
            scenario,
            setup,
            SlowCallCauses.describe(
                calls.slowCalls(SlowCallCauses.SLOW_NANOS, safepoints),
                recorded.threadEvents(),
                DIAGNOSE,
                stalled),
            scheduler[0].runDelayNanos() / 1e6,
            scheduler[0].involuntarySwitches());
    String file = System.getProperty("bench.results");
    String dropReasons =
        String.format(
            Locale.ROOT,
            "logs %s %s drop-reasons (warm-up included): %s",
            scenario,
            setup,
            warnings == null ? "none reported" : dropReasons(warnings));
    for (String printed : List.of(warmUpLine, line, cpuSeconds, slowCalls, dropReasons)) {
      System.out.println(printed);
      if (file != null) {
        DeliveryBurst.append(Path.of(file), printed);
      }
    }
  }

  /**
   * One round of the warm-up: the measured window's work, the measuring tools included, so that
   * their own start-up and the changes from one phase to the next (JFR's classes, its parser,
   * the drain) are compiled before the measured window too.
   */
  private static double warmUpRound(LineLogger log, int seconds, AtomicLong logged)
      throws InterruptedException {
    JvmEvents events = JvmEvents.start(DIAGNOSE);
    Stalls stalls = Stalls.start();
    ThreadCpu cpu = ThreadCpu.start();
    CallTimes calls = new CallTimes();
    logged.addAndGet(
        logAtRate(
            log, System.nanoTime(), seconds, calls, new SchedStats[] {SchedStats.NONE}, DIAGNOSE));
    List<Pause> stalled = stalls.stop();
    events.stop();
    cpu.stop();
    try {
      JvmEvents.Recorded recorded = events.read();
      SlowCallCauses.describe(
          calls.slowCalls(SlowCallCauses.SLOW_NANOS, recorded.safepoints()),
          recorded.threadEvents(),
          DIAGNOSE,
          stalled);
      calls.worstOutside(merged(recorded.safepoints(), stalled));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the JFR recording", e);
    }
    return cpu.jitSeconds();
  }

  /** How a drain went: its time, and whether the receiver's count then stayed still. */
  private record Drained(long nanos, boolean stable) {}

  /**
   * Lets everything logged so far reach the receiver or be dropped: answers at once, flushes, and
   * checks that the receiver's count then stays still for {@link #STABLE_NANOS}, so that no entry
   * of before arrives in what is measured next.
   */
  private static Drained drain(LoopbackSentryReceiver receiver, Backend backend)
      throws InterruptedException {
    long start = System.nanoTime();
    receiver.delayAnswers(Duration.ZERO);
    backend.flush(Duration.ofSeconds(60));
    long seen = receiver.logCount();
    long stableSince = System.nanoTime();
    long deadline = stableSince + MAX_WAIT_NANOS;
    while (System.nanoTime() - stableSince < STABLE_NANOS && System.nanoTime() < deadline) {
      // a measuring loop, not a test: polling the counter keeps the receiver threads undisturbed
      Thread.sleep(20);
      long count = receiver.logCount();
      if (count != seen) {
        seen = count;
        stableSince = System.nanoTime();
      }
    }
    boolean stable = System.nanoTime() - stableSince >= STABLE_NANOS;
    return new Drained(System.nanoTime() - start, stable);
  }

  private static List<Pause> merged(List<Pause> first, List<Pause> second) {
    List<Pause> all = new ArrayList<>(first);
    all.addAll(second);
    all.sort(Comparator.comparingLong(Pause::startNanos));
    return all;
  }

  /**
   * {@link #THREADS} threads log {@link #RATE} lines a second in total for {@code seconds},
   * recording each call's time.
   *
   * @param scheduler where the logging threads' scheduler figures are summed; null: not read
   * @param callCpu also read each call's CPU time (two more system calls per line)
   * @return the lines logged
   */
  private static long logAtRate(
      LineLogger log,
      long start,
      int seconds,
      CallTimes calls,
      SchedStats[] scheduler,
      boolean callCpu)
      throws InterruptedException {
    AtomicLong logged = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Thread thread =
          new Thread(
              () -> logPaced(log, start, seconds, logged, calls, scheduler, callCpu),
              "bench-logs-" + t);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return logged.get();
  }

  private static void logPaced(
      LineLogger log,
      long start,
      int seconds,
      AtomicLong logged,
      CallTimes total,
      SchedStats[] scheduler,
      boolean callCpu) {
    SchedStats schedulerBefore = scheduler == null ? null : SchedStats.ofCurrentThread();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long threadId = Thread.currentThread().getId();
    long perThread = (long) RATE * seconds / THREADS;
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
      long cpuBefore = callCpu ? cpu.getCurrentThreadCpuTime() : 0;
      long before = System.nanoTime();
      log.info("order {} paid", orderId);
      long nanos = System.nanoTime() - before;
      long cpuNanos = callCpu ? cpu.getCurrentThreadCpuTime() - cpuBefore : -1;
      calls.record(threadId, before, nanos, cpuNanos);
    }
    logged.addAndGet(perThread);
    total.merge(calls);
    if (scheduler != null) {
      SchedStats used = SchedStats.ofCurrentThread().minus(schedulerBefore);
      synchronized (scheduler) {
        scheduler[0] = scheduler[0].plus(used);
      }
    }
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

  /** The head of the JVM's class histogram of live objects (what {@code jcmd GC.class_histogram} prints). */
  private static String liveClassHistogram(int rows) {
    try {
      Object text =
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "gcClassHistogram",
                  new Object[] {new String[0]},
                  new String[] {String[].class.getName()});
      String[] lines = String.valueOf(text).split("\n");
      return String.join("\n", java.util.Arrays.copyOf(lines, Math.min(lines.length, rows + 3)))
          + "\n" + lines[lines.length - 1];
    } catch (javax.management.JMException e) {
      return "no class histogram: " + e;
    }
  }

  /**
   * The heap the full GC left: each heap pool's usage as that collection left it. The heap's usage
   * read after {@code gc()} returns also counts what other threads (encoders, receiver) allocated
   * since, tens of megabytes when this thread is preempted on a busy machine.
   */
  private static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    long used = 0;
    for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      java.lang.management.MemoryUsage afterGc = pool.getCollectionUsage();
      if (pool.getType() == java.lang.management.MemoryType.HEAP && afterGc != null) {
        used += afterGc.getUsed();
      }
    }
    return used;
  }
}
