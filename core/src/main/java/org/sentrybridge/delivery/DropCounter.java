package org.sentrybridge.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.sentrybridge.StatusReporter;

/**
 * Counts events that had to be dropped and reports them on the status channel at most once per
 * interval, so a broken Sentry cannot flood the application's own log.
 */
public final class DropCounter {

  private final StatusReporter reporter;
  private final long intervalNanos;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong nextReportAt;
  private volatile String lastReason = "";

  public DropCounter(StatusReporter reporter, Duration interval) {
    this.reporter = reporter;
    this.intervalNanos = interval.toNanos();
    this.nextReportAt = new AtomicLong(System.nanoTime());
  }

  public void add(long count, String reason) {
    pending.addAndGet(count);
    total.addAndGet(count);
    lastReason = reason;
    long now = System.nanoTime();
    long due = nextReportAt.get();
    if (now - due >= 0 && nextReportAt.compareAndSet(due, now + intervalNanos)) {
      report();
    }
  }

  /** Reports what was dropped since the last report, if anything. */
  public void reportNow() {
    report();
  }

  /** Everything dropped since this counter was made. */
  public long total() {
    return total.get();
  }

  private void report() {
    long count = pending.getAndSet(0);
    if (count > 0) {
      reporter.warn(count + " events dropped: " + lastReason);
    }
  }
}
