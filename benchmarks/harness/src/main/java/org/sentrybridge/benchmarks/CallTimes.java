package org.sentrybridge.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * The durations of one thread's logging calls: the worst of all, and each slow call (at least
 * {@link #SLOW_NANOS}) with its start, its thread and, when measured, its CPU time, so that the
 * worst call not overlapping a pause or safepoint can be told apart from those one stretched, and
 * the slow ones can be matched with what their thread waited for. Not thread-safe: one per logging
 * thread, {@link #merge merged} after they ended.
 */
final class CallTimes {

  /** Calls at least this long are kept with their start; shorter ones count only in the maxima. */
  static final long SLOW_NANOS = 100_000;
  /**
   * Clock slack around a pause: JFR's and {@link System#nanoTime()}'s time lines are matched
   * through the wall clock, to a few microseconds; a call this close to a pause counts as
   * overlapping it.
   */
  static final long PAUSE_MARGIN_NANOS = 50_000;
  private static final int MAX_SLOW_CALLS = 1_000_000;

  private long worst;
  private long worstFast;
  private long[] slowStarts = new long[64];
  private long[] slowNanos = new long[64];
  private long[] slowThreads = new long[64];
  private long[] slowCpuNanos = new long[64];
  private int slowCount;
  private long slowNotKept;

  /** One slow call: its thread, start, wall time and CPU time (-1: not measured). */
  record SlowCall(long threadId, long startNanos, long nanos, long cpuNanos) {
    long endNanos() {
      return startNanos + nanos;
    }
  }

  /** Records one call of this thread that started at {@code startNanos} and took {@code nanos}. */
  void record(long startNanos, long nanos) {
    record(Thread.currentThread().getId(), startNanos, nanos, -1);
  }

  /**
   * Records one call.
   *
   * @param threadId the thread that made it
   * @param startNanos its start
   * @param nanos its wall time
   * @param cpuNanos the CPU time its thread used during it; -1 when not measured
   */
  void record(long threadId, long startNanos, long nanos, long cpuNanos) {
    if (nanos > worst) {
      worst = nanos;
    }
    if (nanos < SLOW_NANOS) {
      if (nanos > worstFast) {
        worstFast = nanos;
      }
      return;
    }
    if (slowCount == MAX_SLOW_CALLS) {
      slowNotKept++;
      return;
    }
    if (slowCount == slowStarts.length) {
      slowStarts = Arrays.copyOf(slowStarts, slowCount * 2);
      slowNanos = Arrays.copyOf(slowNanos, slowCount * 2);
      slowThreads = Arrays.copyOf(slowThreads, slowCount * 2);
      slowCpuNanos = Arrays.copyOf(slowCpuNanos, slowCount * 2);
    }
    slowStarts[slowCount] = startNanos;
    slowNanos[slowCount] = nanos;
    slowThreads[slowCount] = threadId;
    slowCpuNanos[slowCount] = cpuNanos;
    slowCount++;
  }

  /** Adds another thread's calls to these. */
  synchronized void merge(CallTimes other) {
    worst = Math.max(worst, other.worst);
    worstFast = Math.max(worstFast, other.worstFast);
    slowNotKept += other.slowNotKept;
    for (int i = 0; i < other.slowCount; i++) {
      if (slowCount == MAX_SLOW_CALLS) {
        slowNotKept++;
      } else {
        record(
            other.slowThreads[i], other.slowStarts[i], other.slowNanos[i], other.slowCpuNanos[i]);
      }
    }
  }

  /** The worst call of all, in nanoseconds. */
  long worst() {
    return worst;
  }

  /** Slow calls too many to keep: when not zero, {@link #worstOutside} may be too low. */
  long slowNotKept() {
    return slowNotKept;
  }

  /**
   * The worst call that overlaps none of the pauses (each widened by {@link #PAUSE_MARGIN_NANOS}).
   *
   * @param pauses the pauses, sorted by start
   * @return the duration in nanoseconds
   */
  long worstOutside(List<Pause> pauses) {
    long result = worstFast;
    for (int i = 0; i < slowCount; i++) {
      long start = slowStarts[i];
      long end = start + slowNanos[i];
      if (slowNanos[i] > result && !overlaps(start, end, pauses)) {
        result = slowNanos[i];
      }
    }
    return result;
  }

  /** Slow calls that overlap none of the pauses. */
  int slowOutside(List<Pause> pauses) {
    int count = 0;
    for (int i = 0; i < slowCount; i++) {
      if (!overlaps(slowStarts[i], slowStarts[i] + slowNanos[i], pauses)) {
        count++;
      }
    }
    return count;
  }

  /**
   * The calls of at least {@code minNanos} that overlap none of the pauses.
   *
   * @param minNanos the shortest call returned
   * @param pauses the pauses, sorted by start
   * @return the calls, in no particular order
   */
  List<SlowCall> slowCalls(long minNanos, List<Pause> pauses) {
    List<SlowCall> calls = new java.util.ArrayList<>();
    for (int i = 0; i < slowCount; i++) {
      long start = slowStarts[i];
      if (slowNanos[i] >= minNanos && !overlaps(start, start + slowNanos[i], pauses)) {
        calls.add(new SlowCall(slowThreads[i], start, slowNanos[i], slowCpuNanos[i]));
      }
    }
    return calls;
  }

  private static boolean overlaps(long start, long end, List<Pause> pauses) {
    for (Pause pause : pauses) {
      if (pause.startNanos() - PAUSE_MARGIN_NANOS > end) {
        return false; // sorted: the later ones start later still
      }
      if (pause.endNanos() + PAUSE_MARGIN_NANOS >= start) {
        return true;
      }
    }
    return false;
  }
}
