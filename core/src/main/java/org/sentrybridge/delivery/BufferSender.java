package org.sentrybridge.delivery;

import io.sentry.SentryEnvelope;
import io.sentry.hints.Cached;
import io.sentry.hints.Enqueable;
import io.sentry.hints.Retryable;
import io.sentry.hints.SubmissionResult;
import io.sentry.transport.ITransport;
import io.sentry.transport.RateLimiter;
import io.sentry.util.HintUtils;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.sentrybridge.StatusReporter;

/**
 * The daemon thread that empties the {@link EnvelopeBuffer} through the SDK's HTTP transport. Each
 * envelope carries an {@link Attempt} hint through which the SDK's transport tells whether Sentry
 * accepted it; only then does it leave the buffer. Several envelopes may be queued in the SDK's
 * transport at once (its executor sends them one by one). Failures back off (100 ms doubling up to
 * 5 s) and, through the {@link SendGate}, hold back the requests already queued; while Sentry's
 * rate limit is active nothing is sent.
 */
final class BufferSender {

  static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long RATE_LIMIT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final AtomicInteger COUNT = new AtomicInteger();

  private final EnvelopeBuffer buffer;
  private final LeftOvers leftOvers;
  private final ITransport http;
  private final RateLimiter rateLimiter;
  private final SendGate gate;
  private final int window;
  private final StatusReporter reporter;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Thread thread;
  private final Object backoffLock = new Object();
  private long retryAtNanos;
  private long backoffNanos = FIRST_BACKOFF_NANOS;
  private long lastFailureStartNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
  private volatile boolean stopping;

  /**
   * @param window envelopes handed to the SDK's transport at a time; keep it at or below the SDK's
   *     {@code maxQueueSize}, whose executor refuses more
   */
  BufferSender(
      EnvelopeBuffer buffer,
      LeftOvers leftOvers,
      ITransport http,
      RateLimiter rateLimiter,
      SendGate gate,
      int window,
      StatusReporter reporter) {
    this.buffer = buffer;
    this.leftOvers = leftOvers;
    this.http = http;
    this.rateLimiter = rateLimiter;
    this.gate = gate;
    this.window = Math.max(1, window);
    this.reporter = reporter;
    this.thread = new Thread(this::run, "sentry-bridge-sender-" + COUNT.incrementAndGet());
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Stops handing out envelopes; those in flight still report their result. */
  void stop(long timeoutMillis) {
    stopping = true;
    buffer.wakeUp();
    try {
      thread.join(Math.max(1, timeoutMillis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    int corrupt = leftOvers.check();
    if (corrupt > 0) {
      reporter.warn(
          Counts.of(corrupt, "unreadable (truncated or corrupt) envelope file in " + buffer.dir()
                  + " was", "unreadable (truncated or corrupt) envelope files in " + buffer.dir()
                  + " were")
              + " skipped and deleted");
    }
    while (!stopping) {
      long seen = buffer.version();
      long wait = nanosUntilAllowed();
      if (wait > 0) {
        buffer.awaitChange(seen, wait);
        continue;
      }
      EnvelopeBuffer.Entry entry = buffer.take();
      if (entry == null) {
        buffer.awaitChange(seen, IDLE_NANOS);
        continue;
      }
      SentryEnvelope envelope = buffer.envelopeOf(entry);
      if (envelope != null) {
        submit(entry, envelope);
      }
    }
  }

  private long nanosUntilAllowed() {
    if (inFlight.get() >= window) {
      return IDLE_NANOS; // a completion changes the buffer and wakes us
    }
    long backoff;
    synchronized (backoffLock) {
      backoff = retryAtNanos - System.nanoTime();
    }
    if (backoff > 0) {
      return backoff;
    }
    // Sentry asked us to wait (429, Retry-After, X-Sentry-Rate-Limits): no request until it is over
    return rateLimiter.isAnyRateLimitActive() ? RATE_LIMIT_POLL_NANOS : 0;
  }

  private void submit(EnvelopeBuffer.Entry entry, SentryEnvelope envelope) {
    Attempt attempt = new Attempt(entry, System.nanoTime());
    inFlight.incrementAndGet();
    try {
      http.send(envelope, HintUtils.createWithTypeCheckHint(attempt));
    } catch (Exception e) {
      attempt.setResult(false);
    }
    if (!attempt.enqueued) {
      // the SDK's executor refused it without a result (its queue was full): keep it, retry later
      attempt.setResult(false);
    }
  }

  private void onResult(Attempt attempt, boolean delivered) {
    synchronized (backoffLock) {
      long now = System.nanoTime();
      if (delivered) {
        backoffNanos = FIRST_BACKOFF_NANOS;
        retryAtNanos = now;
      } else if (attempt.startedNanos - lastFailureStartNanos > 0) {
        // only attempts started after the last failure count: a window of envelopes failing
        // together is one failure, not a reason to back off `window` times
        lastFailureStartNanos = now;
        retryAtNanos = now + backoffNanos;
        gate.pauseUntil(retryAtNanos);
        backoffNanos = Math.min(backoffNanos * 2, MAX_BACKOFF_NANOS);
      }
    }
    inFlight.decrementAndGet();
    buffer.complete(attempt.entry, delivered);
  }

  /**
   * The hint that rides with one envelope through the SDK's transport: it receives the result
   * ({@link SubmissionResult}), is marked when queued ({@link Enqueable}), asks for a retry rather
   * than a loss report on network errors ({@link Retryable}) and tells the SDK not to store the
   * envelope in its own disk cache ({@link Cached}), since the buffer already keeps it.
   */
  private final class Attempt implements SubmissionResult, Retryable, Enqueable, Cached {
    final EnvelopeBuffer.Entry entry;
    final long startedNanos;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile boolean success;
    private volatile boolean retry;
    volatile boolean enqueued;

    Attempt(EnvelopeBuffer.Entry entry, long startedNanos) {
      this.entry = entry;
      this.startedNanos = startedNanos;
    }

    /** The first result counts; a late second one (after a forced shutdown) is ignored. */
    @Override
    public void setResult(boolean success) {
      if (done.compareAndSet(false, true)) {
        this.success = success;
        onResult(this, success);
      }
    }

    @Override
    public boolean isSuccess() {
      return success;
    }

    @Override
    public boolean isRetry() {
      return retry;
    }

    @Override
    public void setRetry(boolean retry) {
      this.retry = retry;
    }

    @Override
    public void markEnqueued() {
      enqueued = true;
    }
  }
}
