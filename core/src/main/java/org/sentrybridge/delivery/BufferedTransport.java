package org.sentrybridge.delivery;

import io.sentry.Hint;
import io.sentry.SentryEnvelope;
import io.sentry.transport.ITransport;
import io.sentry.transport.RateLimiter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The transport the SDK sends through. {@link #send} only puts the envelope into the {@link
 * EnvelopeBuffer} (memory, then disk) and returns; a {@link BufferSender} delivers it through the
 * SDK's own HTTP transport and removes it only once Sentry accepted it. What is still buffered at
 * {@link #close} stays on disk for the next start.
 */
final class BufferedTransport implements ITransport {

  /** Hint key marking the envelope of a repeat summary: dropped first when the buffer is full. */
  static final String REPEAT_SUMMARY = "sentry-bridge:repeat-summary";

  private static final long SENDER_STOP_MILLIS = 1_000;

  private final EnvelopeBuffer buffer;
  private final BufferDirectory directory;
  private final ITransport http;
  private final RateLimiter rateLimiter;
  private final SendGate gate;
  private final BufferSender sender;
  private final Duration flushTimeout;
  private final DropCounter drops;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile long closeByNanos;
  private volatile boolean hasCloseBy;
  private volatile int leftOver = -1;
  private volatile int inFlightAtClose;

  BufferedTransport(
      EnvelopeBuffer buffer,
      BufferDirectory directory,
      ITransport http,
      RateLimiter rateLimiter,
      SendGate gate,
      BufferSender sender,
      Duration flushTimeout,
      DropCounter drops) {
    this.buffer = buffer;
    this.directory = directory;
    this.http = http;
    this.rateLimiter = rateLimiter;
    this.gate = gate;
    this.sender = sender;
    this.flushTimeout = flushTimeout;
    this.drops = drops;
    sender.start();
  }

  @Override
  public void send(SentryEnvelope envelope, Hint hint) {
    buffer.add(envelope, hint != null && Boolean.TRUE.equals(hint.get(REPEAT_SUMMARY)));
  }

  /** Waits until every buffered envelope was accepted by Sentry, or the timeout. */
  @Override
  public void flush(long timeoutMillis) {
    buffer.awaitEmpty(clamp(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis)));
  }

  /** True when nothing waits for delivery. */
  boolean isDrained() {
    return buffer.size() == 0;
  }

  @Override
  public RateLimiter getRateLimiter() {
    return rateLimiter;
  }

  @Override
  public boolean isHealthy() {
    return http.isHealthy();
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
   * Drains within the flush timeout, stops sending, then keeps on disk whatever Sentry has not
   * confirmed (envelopes still in flight included: one confirmed later is deleted again).
   */
  @Override
  public void close(boolean isRestarting) throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long deadline = clamp(System.nanoTime() + flushTimeout.toNanos());
    if (!isRestarting) {
      buffer.awaitEmpty(deadline);
    }
    sender.stop(SENDER_STOP_MILLIS);
    buffer.awaitNothingInFlight(deadline);
    gate.close(); // envelopes still queued in the SDK's executor now fail fast, without a request
    try {
      http.close(true); // true: do not wait for the SDK's own flush timeout
    } finally {
      inFlightAtClose = buffer.inFlight();
      leftOver = buffer.persist();
      directory.release();
      drops.reportNow();
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
