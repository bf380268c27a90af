package org.sentrybridge.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** The one polling helper of the test suites: waits for a condition with a deadline. */
public final class Poll {

  private Poll() {}

  /** Waits until {@code condition} holds; fails with {@code what} after {@code timeout}. */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }

  /**
   * Waits until the wall clock shows a later millisecond: what happens next gets a later timestamp
   * than what happened before (Sentry timestamps have millisecond precision).
   */
  public static void nextMillisecond() {
    long now = System.currentTimeMillis();
    until("the next millisecond", Duration.ofSeconds(1), () -> System.currentTimeMillis() > now);
  }
}
