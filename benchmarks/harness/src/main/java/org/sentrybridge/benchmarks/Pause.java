package org.sentrybridge.benchmarks;

/**
 * A moment when threads could not run (a GC pause, a safepoint, a stall of the machine), on the
 * {@link System#nanoTime()} time line.
 */
record Pause(long startNanos, long endNanos) {
  long nanos() {
    return endNanos - startNanos;
  }
}
