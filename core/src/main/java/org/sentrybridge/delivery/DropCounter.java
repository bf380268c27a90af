package org.sentrybridge.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.sentrybridge.StatusReporter;

/**
 * Counts events that had to be dropped and reports them on the status channel at most once per
 * interval, so a broken Sentry cannot flood the application's own log. Each kind of drop gets its
 * own line: the kind is the reason up to its detail in parentheses, and the line quotes the latest
 * reason of that kind. Events Sentry refused are reported as such: {@code N events rejected by
 * Sentry: HTTP 413 (...)}.
 */
public final class DropCounter {

  /** The drops of one kind since the last report. */
  private static final class Pending {
    final AtomicLong count = new AtomicLong();
    final String verb;
    final String one;
    final String many;
    volatile String lastReason;

    Pending(String verb, String one, String many) {
      this.verb = verb;
      this.one = one;
      this.many = many;
    }
  }

  private static final String EVENT = "event";
  private static final String EVENTS = "events";
  private static final String LOG_ENTRY = "log entry";
  private static final String LOG_ENTRIES = "log entries";

  private static final String DROPPED = "dropped";
  private static final String REJECTED = "rejected by Sentry";

  private final StatusReporter reporter;
  private final long intervalNanos;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong total = new AtomicLong();
  /** Since this counter was made, per kind ("dropped: queue full"); never reset by a report. */
  private final Map<String, AtomicLong> totals = new ConcurrentHashMap<>();
  private final AtomicLong logEntriesTotal = new AtomicLong();
  private final AtomicLong nextReportAt;

  public DropCounter(StatusReporter reporter, Duration interval) {
    this.reporter = reporter;
    this.intervalNanos = interval.toNanos();
    this.nextReportAt = new AtomicLong(System.nanoTime());
  }

  /** Counts and, when a report is due, reports on this thread. */
  public void add(long count, String reason) {
    add(count, DROPPED, reason);
  }

  /** Counts events Sentry answered with an error, e.g. {@code "HTTP 413 (...)"}. */
  public void addRejected(long count, String answer) {
    add(count, REJECTED, answer);
  }

  private void add(long count, String verb, String reason) {
    count(count, verb, EVENT, EVENTS, reason);
    reportIfDue();
  }

  /**
   * Counts Sentry log entries that were dropped (reported as {@code N log entries dropped}) and,
   * when a report is due, reports on this thread.
   */
  public void addLogEntries(long count, String reason) {
    count(count, DROPPED, LOG_ENTRY, LOG_ENTRIES, reason);
    reportIfDue();
  }

  /** Counts Sentry log entries in an envelope Sentry answered with an error. */
  public void addRejectedLogEntries(long count, String answer) {
    count(count, REJECTED, LOG_ENTRY, LOG_ENTRIES, answer);
    reportIfDue();
  }

  /** Counts dropped Sentry log entries without reporting: for application threads. */
  public void countLogEntries(long count, String reason) {
    count(count, DROPPED, LOG_ENTRY, LOG_ENTRIES, reason);
  }

  /**
   * Counts without reporting: for application threads, which must not write status lines (that
   * may mean console I/O, or a logging framework calling back into the appender); the thread that
   * works for sentry-bridge calls {@link #reportIfDue()}.
   */
  public void count(long count, String reason) {
    count(count, DROPPED, EVENT, EVENTS, reason);
  }

  private void count(long count, String verb, String one, String many, String reason) {
    Pending kind =
        pending.computeIfAbsent(
            one + " " + verb + ": " + kindOf(reason), k -> new Pending(verb, one, many));
    kind.lastReason = reason;
    kind.count.addAndGet(count);
    if (one == LOG_ENTRY) {
      logEntriesTotal.addAndGet(count);
    } else {
      total.addAndGet(count);
      totals.computeIfAbsent(verb + ": " + kindOf(reason), k -> new AtomicLong()).addAndGet(count);
    }
  }

  /** Reports what was dropped since the last report, unless the last report is too recent. */
  public void reportIfDue() {
    if (!hasPending()) {
      return; // nothing to say: the next drop is reported at once
    }
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

  /** Events dropped since this counter was made (log entries not included). */
  public long total() {
    return total.get();
  }

  /** Everything dropped since this counter was made, per kind ({@code "dropped: queue full"}). */
  public Map<String, Long> totalsByKind() {
    Map<String, Long> copy = new java.util.TreeMap<>();
    totals.forEach((kind, count) -> copy.put(kind, count.get()));
    return copy;
  }

  /** Sentry log entries dropped or rejected since this counter was made. */
  public long logEntriesTotal() {
    return logEntriesTotal.get();
  }

  private boolean hasPending() {
    for (Pending kind : pending.values()) {
      if (kind.count.get() > 0) {
        return true;
      }
    }
    return false;
  }

  private void report() {
    for (Pending kind : pending.values()) {
      long count = kind.count.getAndSet(0);
      if (count > 0) {
        reporter.warn(Counts.of(count, kind.one, kind.many) + " " + kind.verb + ": " + kind.lastReason);
      }
    }
  }

  /** "buffer full" and "cannot write to X (e1)" / "(e2)" are two kinds, not three. */
  private static String kindOf(String reason) {
    int detail = reason.indexOf(" (");
    return detail < 0 ? reason : reason.substring(0, detail);
  }
}
