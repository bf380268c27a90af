package org.sentrybridge.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the Linux scheduler says about the current thread ({@code /proc/thread-self}): the time it
 * was runnable but waited for a CPU ({@code schedstat}'s run delay) and how often it was taken off
 * a CPU while it could still run ({@code nonvoluntary_ctxt_switches}). A thread that waits for a
 * lock or parks switches voluntarily; one the OS preempts for another does not. Zeros where the
 * files are missing.
 *
 * @param runDelayNanos time runnable but not running
 * @param involuntarySwitches preemptions
 */
record SchedStats(long runDelayNanos, long involuntarySwitches) {

  static final SchedStats NONE = new SchedStats(0, 0);

  /** The current thread's figures so far. */
  static SchedStats ofCurrentThread() {
    try {
      String[] schedstat =
          Files.readString(Path.of("/proc/thread-self/schedstat")).trim().split("\\s+");
      long involuntary = 0;
      for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
        if (line.startsWith("nonvoluntary_ctxt_switches:")) {
          involuntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
        }
      }
      return new SchedStats(Long.parseLong(schedstat[1]), involuntary);
    } catch (IOException | RuntimeException e) {
      return NONE;
    }
  }

  /** These figures minus earlier ones. */
  SchedStats minus(SchedStats earlier) {
    return new SchedStats(
        runDelayNanos - earlier.runDelayNanos, involuntarySwitches - earlier.involuntarySwitches);
  }

  /** The sum of both. */
  SchedStats plus(SchedStats other) {
    return new SchedStats(
        runDelayNanos + other.runDelayNanos, involuntarySwitches + other.involuntarySwitches);
  }
}
