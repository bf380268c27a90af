package org.sentrybridge.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * The durations of one thread's logging calls: the worst of all, and each slow call (at least
 * {@link #SLOW_NANOS}) with its start, so that the worst call not overlapping a garbage-collection
 * pause can be told apart from those a pause stretched. Not thread-safe: one per logging thread,
 * {@link #merge merged} after they ended.
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
  private int slowCount;
  private long slowNotKept;

  /** Records one call that started at {@code startNanos} and took {@code nanos}. */
  void record(long startNanos, long nanos) {
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
    }
    slowStarts[slowCount] = startNanos;
    slowNanos[slowCount] = nanos;
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
        record(other.slowStarts[i], other.slowNanos[i]);
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
  long worstOutside(List<GcPauses.Pause> pauses) {
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
  int slowOutside(List<GcPauses.Pause> pauses) {
    int count = 0;
    for (int i = 0; i < slowCount; i++) {
      if (!overlaps(slowStarts[i], slowStarts[i] + slowNanos[i], pauses)) {
        count++;
      }
    }
    return count;
  }

  private static boolean overlaps(long start, long end, List<GcPauses.Pause> pauses) {
    for (GcPauses.Pause pause : pauses) {
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
