package org.sentrybridge.outbox;

import io.sentry.Hint;
import io.sentry.SentryEnvelope;
import io.sentry.transport.ITransport;
import io.sentry.transport.RateLimiter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sentrybridge.delivery.DropCounter;
import org.sentrybridge.sdk.SdkInternals;

/**
 * The transport the SDK sends through. {@link #send} only puts the envelope into the {@link
 * EnvelopeBuffer} (memory, then disk) and returns; the {@link Dispatcher} sends it and removes it
 * once Sentry answered. What is still buffered at {@link #close} stays on disk for the next start.
 */
final class OutboxTransport implements ITransport {

  private static final long DISPATCHER_STOP_MILLIS = 1_000;

  private final EnvelopeBuffer buffer;
  private final BufferDirectory directory;
  private final Dispatcher dispatcher;
  private final EnvelopePoster poster;
  private final RateLimiter rateLimiter;
  private final Duration flushTimeout;
  private final DropCounter drops;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile long closeByNanos;
  private volatile boolean hasCloseBy;
  private volatile int leftOver = -1;
  private volatile int inFlightAtClose;
  /**
   * Set once a wait during the stop found Sentry unreachable ({@link Dispatcher#unreachableSince}
   * of that wait's attempt): the stop's later waits make no attempt of their own unless Sentry
   * answered since. {@link Dispatcher#NO_ATTEMPT} until then.
   */
  private volatile long unreachableAtClose = Dispatcher.NO_ATTEMPT;

  OutboxTransport(
      EnvelopeBuffer buffer,
      BufferDirectory directory,
      Dispatcher dispatcher,
      EnvelopePoster poster,
      RateLimiter rateLimiter,
      Duration flushTimeout,
      DropCounter drops) {
    this.buffer = buffer;
    this.directory = directory;
    this.dispatcher = dispatcher;
    this.poster = poster;
    this.rateLimiter = rateLimiter;
    this.flushTimeout = flushTimeout;
    this.drops = drops;
    dispatcher.start();
  }

  @Override
  public void send(SentryEnvelope envelope, Hint hint) {
    if (EnvelopeBuffer.isLogs(envelope)) {
      buffer.addLogs(envelope);
      return;
    }
    buffer.add(
        envelope,
        hint != null && Boolean.TRUE.equals(hint.get(SdkInternals.REPEAT_SUMMARY_HINT)));
    // the SDK's uncaught-exception handler waits for this; the buffer keeps the envelope, and the
    // exit hook writes it to disk if it is not sent before the process ends
    SdkInternals.markFlushed(hint);
  }

  /**
   * Waits until Sentry answered for every buffered envelope, or the timeout; while Sentry is
   * unreachable, only for one more attempt.
   */
  @Override
  public void flush(long timeoutMillis) {
    awaitDelivery(clamp(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis)));
  }

  /**
   * Waits until Sentry answered for every buffered envelope, until the deadline or until Sentry is
   * unreachable twice in a row: a request failed on the network (before the wait or during it) and
   * one more attempt, made at once, failed too. False when envelopes are left.
   */
  private boolean awaitDelivery(long deadlineNanos) {
    long verdict = unreachableAtClose;
    if (verdict != Dispatcher.NO_ATTEMPT && !dispatcher.answeredSince(verdict)) {
      // an earlier wait of this stop (the pipeline's, the SDK's) found Sentry unreachable
      return buffer.size() == 0;
    }
    long[] since = {dispatcher.attemptNowIfUnreachable()};
    boolean empty =
        buffer.awaitEmpty(
            deadlineNanos,
            () -> {
              if (dispatcher.answeredSince(since[0])) {
                since[0] = Dispatcher.NO_ATTEMPT; // Sentry answered: a later failure starts over
              }
              if (since[0] == Dispatcher.NO_ATTEMPT) {
                // Sentry answered until now: a failure during the wait asks for that attempt now
                since[0] = dispatcher.attemptNowIfUnreachable();
                return false;
              }
              return dispatcher.unreachableSince(since[0]);
            });
    if (!empty && hasCloseBy && dispatcher.unreachableSince(since[0])) {
      unreachableAtClose = since[0];
    }
    return empty;
  }

  /** True when nothing waits for delivery. */
  boolean isDrained() {
    return buffer.size() == 0;
  }

  @Override
  public RateLimiter getRateLimiter() {
    return rateLimiter;
  }

  /** True while the log lane cannot take another log envelope without dropping one. */
  boolean logLaneFull() {
    return buffer.logLaneFull();
  }

  /** Envelopes held (memory and disk) and not yet delivered. */
  int buffered() {
    return buffer.size();
  }

  /** Envelopes Sentry accepted. */
  long delivered() {
    return dispatcher.deliveredCount();
  }

  /** Envelopes dropped, per kind. */
  java.util.Map<String, Long> dropped() {
    return drops.totalsByKind();
  }

  @Override
  public boolean isHealthy() {
    return !SdkInternals.isAnyRateLimitActive(rateLimiter) && !dispatcher.isBackingOff();
  }

  /**
   * Bounds every later wait of {@link #flush} and {@link #close} by this deadline, so a shutdown
   * that flushes several times (pipeline, SDK client, transport) takes the flush timeout once.
   */
  void closeBy(long deadlineNanos) {
    closeByNanos = deadlineNanos;
    hasCloseBy = true;
  }

  /**
   * Drains within the flush timeout (while Sentry is unreachable, one more attempt), stops
   * sending, sends the last client report, then keeps on disk whatever Sentry has not answered for
   * (envelopes still in flight included: one answered later is deleted again).
   */
  @Override
  public void close(boolean isRestarting) throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long deadline = clamp(System.nanoTime() + flushTimeout.toNanos());
    if (!isRestarting) {
      awaitDelivery(deadline);
    }
    dispatcher.stop(DISPATCHER_STOP_MILLIS);
    boolean answered = buffer.awaitNothingInFlight(deadline);
    try {
      if (answered && buffer.size() == 0) {
        dispatcher.sendClientReport(deadline);
      }
    } finally {
      inFlightAtClose = buffer.inFlight();
      leftOver = buffer.persist();
      buffer.dropUnansweredLogs();
      directory.release();
      drops.reportNow();
      if (answered) {
        poster.close();
      }
    }
  }

  @Override
  public void close() throws IOException {
    close(false);
  }

  /** Envelopes kept on disk at close, or -1 before close. */
  int leftOver() {
    return leftOver;
  }

  /** Of {@link #leftOver()}, those whose request was still unanswered at close. */
  int inFlightAtClose() {
    return inFlightAtClose;
  }

  Path dir() {
    return buffer.dir();
  }

  private long clamp(long deadlineNanos) {
    if (hasCloseBy && closeByNanos - deadlineNanos < 0) {
      return closeByNanos;
    }
    return deadlineNanos;
  }
}
