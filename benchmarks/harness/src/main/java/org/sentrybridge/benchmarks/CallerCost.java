package org.sentrybridge.benchmarks;

/** What the caller-cost benchmarks of every module share. */
public final class CallerCost {

  /**
   * Errors logged per benchmark invocation. Between invocations (not timed) the Sentry side is
   * flushed, so each setup is measured with room in its queues: a loop that logs back-to-back for
   * seconds would keep every queue full and measure the cost of dropping instead.
   */
  public static final int BURST = 1000;

  /** Longest wait for a flush between two bursts. */
  public static final long DRAIN_TIMEOUT_MILLIS = 30_000;

  private CallerCost() {}
}
