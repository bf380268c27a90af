package org.sentrybridge.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last N lower-level log lines of one Sentry scope (or, behind an asynchronous appender, of one
 * appender), kept as breadcrumbs for the events of that scope. Written on logging threads without a
 * lock: a slot is claimed with one atomic increment. An event remembers only the ring's {@link
 * #mark()} on the logging thread and reads the lines before it on the delivery thread.
 */
public final class BreadcrumbRing {

  /**
   * One remembered log line, its text formatted only when an event takes it.
   *
   * @param sequence its place among the lines written to the ring
   * @param epochNanos when the line was logged (the log event's own time), in nanoseconds since
   *     the epoch: a number, so that a line whose framework keeps its time in fields of its own
   *     (Log4j2) costs no {@link Instant} on the logging thread
   * @param level the line's level
   * @param loggerName the line's logger
   * @param template the line's text, with {@code {}} placeholders
   * @param arguments null, or {@link MessageTemplates#settled} arguments
   * @param traceId whose line it is; null when not known
   */
  public record Crumb(
      long sequence,
      long epochNanos,
      LogLevel level,
      String loggerName,
      String template,
      Object[] arguments,
      String traceId) {

    /**
     * When the line was logged.
     *
     * @return the log event's own time
     */
    public Instant timestamp() {
      return Instant.ofEpochSecond(0, epochNanos);
    }

    /**
     * The log line's text, formatted when asked (on the delivery thread).
     *
     * @return the formatted text
     */
    public String message() {
      return MessageTemplates.format(template, arguments);
    }
  }

  /**
   * A power of two at least {@link #capacity}, so that a line finds its slot with a mask: a 64-bit
   * division on every logged line cost more than the rest of adding it. Events take the last
   * {@code capacity} lines only.
   */
  private final AtomicReferenceArray<Crumb> slots;
  private final int mask;
  private final int capacity;
  private final AtomicLong next = new AtomicLong();

  /**
   * An empty ring.
   *
   * @param capacity how many lines are kept (at least 1)
   */
  public BreadcrumbRing(int capacity) {
    this.capacity = RingSizes.bounded(capacity);
    int length = RingSizes.powerOfTwoAtLeast(this.capacity);
    this.slots = new AtomicReferenceArray<>(length);
    this.mask = length - 1;
  }

  /**
   * Remembers a formatted line.
   *
   * @param timestamp when it was logged
   * @param level its level
   * @param loggerName its logger
   * @param message its text
   */
  public void add(Instant timestamp, LogLevel level, String loggerName, String message) {
    add(timestamp, level, loggerName, message, null, null);
  }

  /**
   * Remembers a line whose {@code {}} placeholders are filled in only if an event takes it; {@code
   * traceId} (may be null; any key naming whose line it is) lets an event behind an asynchronous
   * appender pick its own lines.
   *
   * @param timestamp when it was logged
   * @param level its level
   * @param loggerName its logger
   * @param template its text, with {@code {}} placeholders
   * @param arguments the placeholders' values, {@link MessageTemplates#settled}; null for none
   * @param traceId whose line it is; null when not known
   */
  public void add(
      Instant timestamp,
      LogLevel level,
      String loggerName,
      String template,
      Object[] arguments,
      String traceId) {
    add(epochNanos(timestamp), level, loggerName, template, arguments, traceId);
  }

  /**
   * {@link #add(Instant, LogLevel, String, String, Object[], String)} with the time as nanoseconds
   * since the epoch ({@link #epochNanos}).
   *
   * @param epochNanos when it was logged, nanoseconds since the epoch
   * @param level its level
   * @param loggerName its logger
   * @param template its text, with {@code {}} placeholders
   * @param arguments the placeholders' values, {@link MessageTemplates#settled}; null for none
   * @param traceId whose line it is; null when not known
   */
  public void add(
      long epochNanos,
      LogLevel level,
      String loggerName,
      String template,
      Object[] arguments,
      String traceId) {
    long sequence = next.getAndIncrement();
    // readers take the slot with a volatile read: a release store is enough to publish the line
    slots.setRelease(
        (int) sequence & mask,
        new Crumb(sequence, epochNanos, level, loggerName, template, arguments, traceId));
  }

  /**
   * Adds a record's line: its template and the arguments it holds (already settled and its own),
   * formatted only if an event takes the line; or its text when the framework formatted it.
   *
   * @param record the log event, already copied off the framework's mutable objects
   */
  public void add(LogRecord record) {
    add(
        epochNanos(record.timestamp()),
        record.level(),
        record.loggerName(),
        record.template(),
        record.settledArguments(),
        null);
  }

  /**
   * A time as nanoseconds since the epoch, as a {@link Crumb} keeps it (good until the year 2262).
   *
   * @param epochSecond whole seconds since the epoch
   * @param nanoOfSecond the nanoseconds within that second
   * @return nanoseconds since the epoch
   */
  public static long epochNanos(long epochSecond, int nanoOfSecond) {
    return epochSecond * 1_000_000_000L + nanoOfSecond;
  }

  /**
   * {@link #epochNanos(long, int)} of an instant.
   *
   * @param timestamp the time; null for now
   * @return nanoseconds since the epoch
   */
  public static long epochNanos(Instant timestamp) {
    Instant at = timestamp != null ? timestamp : Instant.now();
    return epochNanos(at.getEpochSecond(), at.getNano());
  }

  /**
   * Where the ring stands now: the lines added before this mark belong to an event taken now.
   *
   * @return the mark, for {@link #snapshot(long, String)}
   */
  public long mark() {
    return next.get();
  }

  /**
   * The remembered lines.
   *
   * @return the lines, oldest first
   */
  public List<Crumb> snapshot() {
    return snapshot(next.get(), null);
  }

  /**
   * The lines added before {@code end} (a {@link #mark()}) that are still kept, oldest first; with
   * {@code traceId} only those of that trace. Lines pushed out since the mark by newer ones are
   * missing: the oldest go first.
   *
   * @param end a {@link #mark()}: lines added from it on are left out
   * @param traceId the trace whose lines are wanted; null for all lines
   * @return the lines, oldest first
   */
  public List<Crumb> snapshot(long end, String traceId) {
    if (end == 0) {
      return Collections.emptyList();
    }
    long start = Math.max(0, end - capacity);
    List<Crumb> crumbs = new ArrayList<>((int) (end - start));
    for (long s = start; s < end; s++) {
      Crumb crumb = slots.get((int) s & mask);
      // a slot still being written, or already overwritten by a newer line, is skipped
      if (crumb != null
          && crumb.sequence() == s
          && (traceId == null || traceId.equals(crumb.traceId()))) {
        crumbs.add(crumb);
      }
    }
    return crumbs;
  }

  /**
   * Copies the lines {@code parent} holds now: a scope cloned from another starts with its
   * breadcrumbs, as the SDK's {@code Scope.clone()} copies them.
   *
   * @param parent the ring of the scope this one was cloned from
   */
  public void seedFrom(BreadcrumbRing parent) {
    for (Crumb crumb : parent.snapshot()) {
      add(crumb.epochNanos(), crumb.level(), crumb.loggerName(), crumb.template(),
          crumb.arguments(), crumb.traceId());
    }
  }
}
