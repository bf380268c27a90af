package org.sentrybridge.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * CPU time (user and system, native code such as gzip included) of the threads of this JVM while a
 * run lasts, summed per thread group: the name with its numbers replaced by {@code N} (e.g. {@code
 * sentry-bridge-logs-encoder-N}). A thread's time is readable only while it lives, so a sampler
 * reads every thread every {@link #SAMPLE_MILLIS} ms and keeps the last reading: a pool thread that
 * ends between readings loses at most that interval. {@code jvm-internal} is the process's CPU time
 * that no Java thread used: garbage collection, the JIT compilers, the VM thread.
 */
final class ThreadCpu {

  static final long SAMPLE_MILLIS = 200;
  /** Groups below this many CPU seconds are summed as "other". */
  private static final double SHOWN_SECONDS = 0.05;

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  /** Thread id to its CPU nanoseconds when the run started (0 for threads started later). */
  private final Map<Long, Long> atStart = new HashMap<>();
  /** Thread id to its last reading. */
  private final Map<Long, Long> last = new HashMap<>();
  private final Map<Long, String> names = new HashMap<>();
  private final long processAtStart = processCpuNanos();
  private final Map<String, Long> vmAtStart = vmThreadTicks();
  private final Thread sampler;
  private volatile boolean running = true;
  /** The JIT compilers' CPU seconds from the start to {@link #stop}; -1 before or where unknown. */
  private volatile double jitSeconds = -1;

  private ThreadCpu() {
    read(true);
    sampler = new Thread(this::sample, "bench-thread-cpu");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts reading; the sampler's own time shows as {@code bench-thread-cpu}. */
  static ThreadCpu start() {
    return new ThreadCpu();
  }

  private void sample() {
    while (running) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(SAMPLE_MILLIS));
      read(false);
    }
  }

  private synchronized void read(boolean first) {
    long[] ids = threads.getAllThreadIds();
    ThreadInfo[] infos = threads.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      long cpu = threads.getThreadCpuTime(ids[i]);
      if (cpu < 0 || infos[i] == null) {
        continue;
      }
      names.putIfAbsent(ids[i], infos[i].getThreadName());
      if (first) {
        atStart.put(ids[i], cpu);
      }
      last.put(ids[i], cpu);
    }
  }

  /**
   * Stops the sampler and returns the CPU seconds per thread group since the start, largest first,
   * as {@code group=seconds} pairs, then the process total.
   */
  String stop() {
    running = false;
    LockSupport.unpark(sampler);
    read(false);
    Map<String, Long> groups = new TreeMap<>();
    synchronized (this) {
      for (Map.Entry<Long, Long> reading : last.entrySet()) {
        long used = reading.getValue() - atStart.getOrDefault(reading.getKey(), 0L);
        String group = names.get(reading.getKey()).replaceAll("\\d+", "N");
        groups.merge(group, used, Long::sum);
      }
    }
    Map<String, Long> shown = new LinkedHashMap<>();
    long other = 0;
    for (Map.Entry<String, Long> group :
        groups.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .toList()) {
      if (group.getValue() / 1e9 >= SHOWN_SECONDS) {
        shown.put(group.getKey(), group.getValue());
      } else {
        other += group.getValue();
      }
    }
    StringBuilder line = new StringBuilder("cpu-s:");
    shown.forEach((group, nanos) -> line.append(' ').append(group).append('=').append(seconds(nanos)));
    line.append(" other=").append(seconds(other));
    long process = processCpuNanos();
    if (process >= 0 && processAtStart >= 0) {
      long javaThreads = other + shown.values().stream().mapToLong(Long::longValue).sum();
      // what no Java thread did: garbage collection, the JIT compilers, the VM thread
      line.append(" jvm-internal=").append(seconds(process - processAtStart - javaThreads));
      Map<String, Long> vm = vmThreadTicks();
      if (vm.containsKey("jit")) {
        jitSeconds = (vm.get("jit") - vmAtStart.getOrDefault("jit", 0L)) * NANOS_PER_TICK / 1e9;
      }
      vm.forEach(
          (group, ticks) ->
              line.append(" (")
                  .append(group)
                  .append('=')
                  .append(seconds((ticks - vmAtStart.getOrDefault(group, 0L)) * NANOS_PER_TICK))
                  .append(')'));
      line.append(" process=").append(seconds(process - processAtStart));
    }
    return line.toString();
  }

  /** The JIT compilers' CPU seconds from the start to {@link #stop}; -1 where unknown. */
  double jitSeconds() {
    return jitSeconds;
  }

  /** Linux's user and system time unit in /proc (USER_HZ), 100 per second on every usual kernel. */
  private static final long NANOS_PER_TICK = 10_000_000;

  /**
   * CPU ticks of the JVM's own threads per kind (gc, jit), from /proc/self/task on Linux; empty
   * elsewhere. Threads that ended are missing: their kind may read low.
   */
  private static Map<String, Long> vmThreadTicks() {
    Map<String, Long> ticks = new TreeMap<>();
    java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
    if (tasks == null) {
      return ticks;
    }
    for (java.io.File task : tasks) {
      try {
        String comm = java.nio.file.Files.readString(task.toPath().resolve("comm")).trim();
        String kind =
            comm.startsWith("GC Thread") || comm.startsWith("G1 ")
                ? "gc"
                : comm.contains("CompilerThre") ? "jit" : null;
        if (kind == null) {
          continue;
        }
        String stat = java.nio.file.Files.readString(task.toPath().resolve("stat"));
        // the fields after the name in parentheses: state is the 3rd field, utime the 14th
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks.merge(kind, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
      } catch (java.io.IOException | RuntimeException e) {
        // a thread that ended while being read
      }
    }
    return ticks;
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
