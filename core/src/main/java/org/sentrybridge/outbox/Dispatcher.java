package org.sentrybridge.outbox;

import io.sentry.ISerializer;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEnvelopeHeader;
import io.sentry.SentryEnvelopeItem;
import io.sentry.SentryEvent;
import io.sentry.SentryItemType;
import io.sentry.SentryOptions;
import io.sentry.clientreport.DiscardReason;
import io.sentry.clientreport.IClientReportRecorder;
import io.sentry.transport.RateLimiter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.sentrybridge.StatusReporter;
import org.sentrybridge.delivery.Counts;
import org.sentrybridge.delivery.DropCounter;
import org.sentrybridge.sdk.SdkInternals;

/**
 * The daemon thread that empties the {@link EnvelopeBuffer}, with up to {@code maxInFlight}
 * requests awaiting Sentry's answer at once, following Sentry's transport rules:
 *
 * <ul>
 *   <li>2xx: delivered; the envelope leaves the buffer.
 *   <li>429: dropped, with no client report (Sentry counts it itself); the SDK's {@link
 *       RateLimiter} reads {@code Retry-After} / {@code X-Sentry-Rate-Limits}. While a limit
 *       lasts, envelopes of its categories are dropped before sending and recorded as {@code
 *       ratelimit_backoff}, as the SDK does.
 *   <li>Any other answer (4xx, 5xx): final; dropped, counted and recorded as {@code send_error}.
 *   <li>A network failure (refused, reset, timeout, DNS): the envelope stays for the next attempt;
 *       sending pauses 100 ms, doubling up to 5 s, then goes on one request at a time until a
 *       request gets an answer.
 * </ul>
 *
 * <p>Each request carries the SDK's pending client report; when it does not reach Sentry the
 * counts go back to the recorder, so a report is neither lost nor sent twice. An event over
 * Sentry's size limit is cut by {@link EventTrimmer#fit} before it is sent.
 */
final class Dispatcher {

  static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(5);
  /** {@link #attemptNowIfUnreachable} while Sentry answers. */
  static final long NO_ATTEMPT = Long.MIN_VALUE;
  /**
   * Largest event JSON sent as it is. Sentry refuses an event over 1 MB; the envelope's headers
   * and a client report fit in what is left.
   */
  static final long MAX_EVENT_BYTES = 900_000;

  static final String RATE_LIMITED = "Sentry's rate limit for their category was active";
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final AtomicInteger COUNT = new AtomicInteger();

  private final EnvelopeBuffer buffer;
  private final LeftOvers leftOvers;
  private final EnvelopePoster poster;
  private final RateLimiter rateLimiter;
  private final SentryOptions options;
  private final ISerializer serializer;
  private final IClientReportRecorder clientReports;
  private final DropCounter drops;
  /** Envelopes Sentry accepted (2xx), for the read-only statistics. */
  private final java.util.concurrent.atomic.LongAdder delivered = new java.util.concurrent.atomic.LongAdder();
  private final StatusReporter reporter;
  private final int maxInFlight;
  private final Runnable housekeeping;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Thread thread;
  /** Encodes log envelopes; its threads end when idle, so it needs no shutdown. */
  private final ThreadPoolExecutor logEncoders;
  private final Object backoffLock = new Object();
  private long retryAtNanos = System.nanoTime();
  private long backoffNanos = FIRST_BACKOFF_NANOS;
  private long lastFailureNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
  private volatile boolean probing;
  private volatile boolean stopping;
  /**
   * When the last request that failed on the network started (was chosen to be sent); written
   * under the back-off lock.
   */
  private volatile long lastFailedStartNanos = lastFailureNanos;
  /** When Sentry last answered (any status); written under the back-off lock. */
  private volatile long lastAnswerNanos = lastFailureNanos;
  /** A flush or close asked for a request now and none has gone since. */
  private volatile boolean attemptNowPending;

  /**
   * @param housekeeping run once on this thread before the first request (reports about other
   *     buffer directories); may be null
   */
  Dispatcher(
      EnvelopeBuffer buffer,
      LeftOvers leftOvers,
      EnvelopePoster poster,
      RateLimiter rateLimiter,
      SentryOptions options,
      DropCounter drops,
      StatusReporter reporter,
      int maxInFlight,
      Runnable housekeeping) {
    this.buffer = buffer;
    this.leftOvers = leftOvers;
    this.poster = poster;
    this.rateLimiter = rateLimiter;
    this.options = options;
    this.serializer = options.getSerializer();
    this.clientReports = options.getClientReportRecorder();
    this.drops = drops;
    this.reporter = reporter;
    this.maxInFlight = Math.max(1, maxInFlight);
    this.housekeeping = housekeeping;
    this.thread = new Thread(this::run, "sentry-bridge-sender-" + COUNT.incrementAndGet());
    this.thread.setDaemon(true);
    int encoders = Math.max(1, Math.min(this.maxInFlight, Runtime.getRuntime().availableProcessors()));
    String encoderName = thread.getName().replace("sender", "logs-encoder");
    this.logEncoders =
        new ThreadPoolExecutor(
            encoders,
            encoders,
            5,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread encoder = new Thread(task, encoderName);
              encoder.setDaemon(true);
              return encoder;
            });
    this.logEncoders.allowCoreThreadTimeOut(true);
  }

  void start() {
    thread.start();
  }

  /** Stops handing out envelopes; those in flight still record their answers. */
  void stop(long timeoutMillis) {
    stopping = true;
    buffer.wakeUp();
    try {
      thread.join(Math.max(1, timeoutMillis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * For a flush or a close: when the last request found Sentry unreachable, the next request goes
   * now (at the earliest 100 ms after the last failure) instead of after the back-off, and if it
   * fails too, {@link #unreachableSince} says that waiting longer for delivery is of no use: what
   * is buffered stays (on disk at close) for when Sentry is back. While Sentry answers this changes
   * nothing; a flush or close asks again once a request failed during its wait.
   *
   * @return when the attempt was asked for, for {@link #unreachableSince}; {@link #NO_ATTEMPT}
   *     while Sentry answers
   */
  long attemptNowIfUnreachable() {
    long since;
    synchronized (backoffLock) {
      if (!probing) {
        return NO_ATTEMPT;
      }
      since = System.nanoTime();
      retryAtNanos = soonestAttempt(since);
      attemptNowPending = true;
    }
    buffer.wakeUp();
    return since;
  }

  /**
   * True when a request started at or after {@code since} ({@link #attemptNowIfUnreachable})
   * failed on the network and Sentry has not answered since; the failure of a request already
   * under way before does not count: it may be older than a recovery.
   */
  boolean unreachableSince(long since) {
    return since != NO_ATTEMPT
        && probing
        && lastFailedStartNanos - since >= 0
        && !answeredSince(since);
  }

  /** True when Sentry answered a request (any status) at or after {@code since}. */
  boolean answeredSince(long since) {
    return since != NO_ATTEMPT && lastAnswerNanos - since >= 0;
  }

  /** True while sending pauses after a network failure. */
  boolean isBackingOff() {
    synchronized (backoffLock) {
      return retryAtNanos - System.nanoTime() > 0;
    }
  }

  /**
   * Sends the SDK's pending client report on its own, for the counts no later envelope will carry
   * (at close); waits for the answer until the deadline.
   */
  void sendClientReport(long deadlineNanos) {
    SentryEnvelope empty =
        new SentryEnvelope(new SentryEnvelopeHeader(null, options.getSdkVersion()), List.of());
    SentryEnvelope report = clientReports.attachReportToEnvelope(empty);
    if (!report.getItems().iterator().hasNext()) {
      return;
    }
    boolean delivered = false;
    try {
      CompletableFuture<SentryAnswer> answer = poster.post(encode(report));
      long left = deadlineNanos - System.nanoTime();
      delivered = left > 0 && answer.get(left, TimeUnit.NANOSECONDS).accepted();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      delivered = false; // not sent, or no answer in time
    }
    if (!delivered) {
      restoreClientReport(report);
    }
  }

  private void run() {
    checkLeftOvers();
    while (!stopping) {
      long seen = buffer.version();
      long wait = nanosUntilAllowed();
      if (wait > 0) {
        buffer.awaitChange(seen, wait);
        continue;
      }
      // a request counts as started when it is chosen: one chosen before a flush asked for an
      // attempt is not that attempt, however long reading and compressing it take
      long chosen = System.nanoTime();
      EnvelopeBuffer.Entry entry = buffer.take();
      if (entry == null) {
        buffer.awaitChange(seen, IDLE_NANOS);
        continue;
      }
      SentryEnvelope envelope = buffer.envelopeOf(entry); // null: unreadable, dropped and counted
      if (envelope != null) {
        try {
          dispatch(entry, envelope, chosen);
        } catch (RuntimeException e) {
          // one envelope the SDK's code cannot handle must not stop the sending of the others
          drops.add(1, "the envelope could not be sent (" + e + ")");
          buffer.complete(entry, true);
        }
      }
    }
  }

  /** Reads what earlier runs left, before the first request; reports what it skipped. */
  private void checkLeftOvers() {
    try {
      int unreadable = leftOvers.check();
      if (unreadable > 0) {
        reporter.warn(
            Counts.of(unreadable, "unreadable (truncated or corrupt) envelope file", "unreadable"
                    + " (truncated or corrupt) envelope files") + " in " + buffer.dir()
                + (unreadable == 1 ? " was" : " were") + " skipped and deleted");
      }
      if (leftOvers.foreign() > 0) {
        reporter.warn(
            Counts.of(leftOvers.foreign(), "file", "files") + " in " + buffer.dir()
                + (leftOvers.foreign() == 1 ? " belongs to another user and was" : " belong to"
                    + " another user and were") + " neither read nor sent");
      }
      if (housekeeping != null) {
        housekeeping.run();
      }
    } catch (RuntimeException e) {
      reporter.warn("the buffer directory " + buffer.dir() + " could not be checked (" + e + ")");
    }
  }

  private long nanosUntilAllowed() {
    // after a network failure, one request finds out whether Sentry is back
    int window = probing ? 1 : maxInFlight;
    if (inFlight.get() >= window) {
      return IDLE_NANOS; // an answer changes the buffer and wakes this thread
    }
    synchronized (backoffLock) {
      return Math.max(0, retryAtNanos - System.nanoTime());
    }
  }

  private void dispatch(EnvelopeBuffer.Entry entry, SentryEnvelope envelope, long started) {
    SentryEnvelope allowed = SdkInternals.allowed(rateLimiter, envelope);
    if (allowed == null) {
      dropped(entry, envelope, RATE_LIMITED); // the rate limiter recorded the client report
      buffer.complete(entry, true);
      return;
    }
    SentryEnvelope sent = clientReports.attachReportToEnvelope(allowed);
    if (entry.logs) {
      dispatchLogs(entry, sent, started);
      return;
    }
    byte[] body;
    try {
      body = encode(sent);
    } catch (Exception e) {
      clientReports.recordLostEnvelope(DiscardReason.SEND_ERROR, sent);
      dropped(entry, sent, "the envelope could not be serialized (" + e + ")");
      buffer.complete(entry, true);
      return;
    }
    inFlight.incrementAndGet();
    attemptNowPending = false;
    poster
        .post(body)
        .whenComplete((answer, failure) -> onAnswer(entry, sent, started, answer, failure));
  }

  /**
   * A log envelope is serialized and compressed on a thread of {@link #logEncoders}, not on this
   * one: a batch of up to 100 entries takes milliseconds to encode, and this thread would
   * otherwise cap the log volume delivered and keep errors waiting. The window of requests in
   * flight counts it from here.
   */
  private void dispatchLogs(EnvelopeBuffer.Entry entry, SentryEnvelope sent, long started) {
    inFlight.incrementAndGet();
    try {
      logEncoders.execute(() -> encodeAndPostLogs(entry, sent, started));
    } catch (RuntimeException e) {
      inFlight.decrementAndGet();
      clientReports.recordLostEnvelope(DiscardReason.SEND_ERROR, sent);
      dropped(entry, sent, "the envelope could not be serialized (" + e + ")");
      buffer.complete(entry, true);
    }
  }

  private void encodeAndPostLogs(EnvelopeBuffer.Entry entry, SentryEnvelope sent, long started) {
    byte[] body;
    try {
      body = encode(sent);
    } catch (Exception e) {
      inFlight.decrementAndGet();
      clientReports.recordLostEnvelope(DiscardReason.SEND_ERROR, sent);
      dropped(entry, sent, "the envelope could not be serialized (" + e + ")");
      buffer.complete(entry, true);
      return;
    }
    attemptNowPending = false;
    try {
      poster
          .post(body)
          .whenComplete((answer, failure) -> onAnswer(entry, sent, started, answer, failure));
    } catch (RuntimeException e) {
      onAnswer(entry, sent, started, null, e);
    }
  }

  private void onAnswer(
      EnvelopeBuffer.Entry entry,
      SentryEnvelope sent,
      long startedNanos,
      SentryAnswer answer,
      Throwable failure) {
    boolean finished = true;
    try {
      if (failure != null) {
        Throwable cause =
            failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        if (cause instanceof IOException) {
          networkFailure(startedNanos);
          restoreClientReport(sent);
          finished = false;
        } else {
          clientReports.recordLostEnvelope(DiscardReason.SEND_ERROR, sent);
          dropped(entry, sent, "the request could not be made (" + cause + ")");
        }
      } else {
        SdkInternals.applyAnswer(
            rateLimiter, answer.rateLimits(), answer.retryAfter(), answer.status());
        answered();
        if (answer.rateLimited()) {
          restoreClientReport(sent);
          rejected(entry, sent, answer.describe());
        } else if (!answer.accepted()) {
          clientReports.recordLostEnvelope(DiscardReason.SEND_ERROR, sent);
          rejected(entry, sent, answer.describe());
        } else if (!entry.logs) {
          delivered.increment();
        }
      }
    } finally {
      inFlight.decrementAndGet();
      buffer.complete(entry, finished);
    }
  }

  /** Error envelopes (not log envelopes) Sentry accepted since this dispatcher started. */
  long deliveredCount() {
    return delivered.sum();
  }

  /** Counts a dropped envelope: one event, or each log entry of a log envelope. */
  private void dropped(EnvelopeBuffer.Entry entry, SentryEnvelope envelope, String reason) {
    if (entry.logs) {
      drops.addLogEntries(EnvelopeBuffer.logEntryCount(envelope), reason);
    } else {
      drops.add(1, reason);
    }
  }

  private void rejected(EnvelopeBuffer.Entry entry, SentryEnvelope envelope, String answer) {
    if (entry.logs) {
      drops.addRejectedLogEntries(EnvelopeBuffer.logEntryCount(envelope), answer);
    } else {
      drops.addRejected(1, answer);
    }
  }

  private void networkFailure(long startedNanos) {
    synchronized (backoffLock) {
      probing = true;
      // the buffer's change after this call wakes a flush or close waiting for unreachableSince
      if (startedNanos - lastFailedStartNanos > 0) {
        lastFailedStartNanos = startedNanos;
      }
      // requests that were already under way fail with the same outage: one back-off step for all
      if (startedNanos - lastFailureNanos > 0) {
        long now = System.nanoTime();
        lastFailureNanos = now;
        retryAtNanos = now + backoffNanos;
        backoffNanos = Math.min(backoffNanos * 2, MAX_BACKOFF_NANOS);
      }
      if (attemptNowPending) {
        // an older request failed: the attempt a flush or close asked for still goes now
        retryAtNanos = soonestAttempt(System.nanoTime());
      }
    }
  }

  /**
   * Now, or the first back-off step after the last failure: flushes called in a loop during an
   * outage make at most ten requests a second. Under the back-off lock.
   */
  private long soonestAttempt(long now) {
    long floor = lastFailureNanos + FIRST_BACKOFF_NANOS;
    return floor - now > 0 ? floor : now;
  }

  private void answered() {
    synchronized (backoffLock) {
      lastAnswerNanos = System.nanoTime();
      probing = false;
      backoffNanos = FIRST_BACKOFF_NANOS;
      retryAtNanos = System.nanoTime();
    }
  }

  /** The counts of a client report that did not reach Sentry go back to the recorder. */
  private void restoreClientReport(SentryEnvelope sent) {
    for (SentryEnvelopeItem item : sent.getItems()) {
      if (item.getHeader().getType() == SentryItemType.ClientReport) {
        clientReports.recordLostEnvelopeItem(DiscardReason.NETWORK_ERROR, item);
      }
    }
  }

  /** The envelope as gzip-compressed JSON, its events cut to Sentry's size limit. */
  private byte[] encode(SentryEnvelope envelope) throws Exception {
    SentryEnvelope fitted = fitEvents(envelope);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    try (GZIPOutputStream gzip = new FastGzip(bytes)) {
      serializer.serialize(fitted, gzip);
    }
    return bytes.toByteArray();
  }

  private SentryEnvelope fitEvents(SentryEnvelope envelope) throws Exception {
    List<SentryEnvelopeItem> items = new ArrayList<>();
    boolean changed = false;
    for (SentryEnvelopeItem item : envelope.getItems()) {
      if (item.getHeader().getType() == SentryItemType.Event
          && item.getData().length > MAX_EVENT_BYTES) {
        SentryEvent event = item.getEvent(serializer);
        if (event != null) {
          // if it still does not fit, Sentry's answer decides (and is counted)
          EventTrimmer.fit(event, MAX_EVENT_BYTES, serializer);
          items.add(SentryEnvelopeItem.fromEvent(serializer, event));
          changed = true;
          continue;
        }
      }
      items.add(item);
    }
    return changed ? new SentryEnvelope(envelope.getHeader(), items) : envelope;
  }

  /** Compresses for speed: the sending thread (log encoders for logs) serializes every envelope. */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(ByteArrayOutputStream out) throws IOException {
      super(out, 8192);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}
