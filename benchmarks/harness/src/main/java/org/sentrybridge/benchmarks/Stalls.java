package org.sentrybridge.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The moments a thread that does nothing but sleep 1 ms at a time woke up late (jHiccup's idea):
 * the machine or the JVM gave no thread the CPU then, whatever the code under test does (another
 * process, a GC pause, a safepoint). A logging call that overlaps none of them was slow for its
 * own reasons. A stall is seen from its effect on the wake-up: its recorded start is the moment
 * the thread should have woken, so a call slowed by the stall's earlier part may still count.
 * Shorter naps would see more, but on two cores their ten thousand wake-ups a second take CPU time
 * from the code under test.
 */
final class Stalls {

  private static final long NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  /** A wake-up this much later than asked counts as a stall. */
  static final long LATE_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

  private final List<Pause> stalls = new ArrayList<>();
  private final Thread thread;
  private volatile boolean stopped;

  private Stalls() {
    thread = new Thread(this::watch, "bench-stalls");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts watching. */
  static Stalls start() {
    return new Stalls();
  }

  private void watch() {
    while (!stopped) {
      long before = System.nanoTime();
      LockSupport.parkNanos(NAP_NANOS);
      long after = System.nanoTime();
      if (after - before - NAP_NANOS > LATE_NANOS) {
        stalls.add(new Pause(before + NAP_NANOS, after));
      }
    }
  }

  /** Stops watching and returns the stalls seen, in order. */
  List<Pause> stop() throws InterruptedException {
    stopped = true;
    thread.join();
    return stalls;
  }
}
