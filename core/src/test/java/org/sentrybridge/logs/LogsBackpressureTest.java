package org.sentrybridge.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Hint;
import io.sentry.IScopes;
import io.sentry.Scope;
import io.sentry.Scopes;
import io.sentry.SentryClient;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEnvelopeItem;
import io.sentry.SentryItemType;
import io.sentry.SentryOptions;
import io.sentry.clientreport.DiscardReason;
import io.sentry.transport.ITransport;
import io.sentry.transport.RateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.LogLevel;
import org.sentrybridge.event.LogRecord;
import org.sentrybridge.testing.Poll;
import org.sentrybridge.testing.RecordingStatusReporter;

/**
 * The logs queue and its backpressure: concurrent offers never pass the bound, every entry taken is
 * built once and in its producer's order however often the ring of slots wraps; the logs thread
 * holds entries back, unbuilt, while a batch would only be dropped further on, and the queue then
 * drops at offer, counted under the reason the thread holds back for. A narrow unit test with a
 * recording transport: delivery through the real outbox is proven by the appenders' Logs tests.
 */
class LogsBackpressureTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final LogEntry.Source SOURCE =
      new LogEntry.Source(CaptureRules.builder("logback").build(), true);

  private final AtomicInteger built = new AtomicInteger();
  /** What the client report recorded: reason, category and quantity. */
  private final List<String> discards = Collections.synchronizedList(new ArrayList<>());
  /** The bodies of the entries built, in the order the logs thread built them. */
  private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
  private final RecordingTransport transport = new RecordingTransport();
  private final SentryOptions options = options();
  private final IScopes scopes = scopes();
  private final RecordingStatusReporter reporter = new RecordingStatusReporter();
  private final AtomicBoolean laneFull = new AtomicBoolean(true);
  private LogsPipeline pipeline;

  @AfterEach
  void close() {
    if (pipeline != null) {
      pipeline.close(Duration.ofSeconds(1));
    }
  }

  @Test
  void entriesAreBuiltTenEnvelopesAtATimeAndSentAHundredPerEnvelope() {
    laneFull.set(false);
    pipeline = new LogsPipeline(scopes, 5_000, reporter, Duration.ofHours(1), laneFull::get);

    assertThat(offer(10)).isEqualTo(10);
    Poll.until("the logs thread saw the entries", WAIT, () -> pipeline.leftWaiting() == 10);
    assertThat(built.get()).as("fewer than a build's worth, none old: not built yet").isZero();

    int toAFullEnvelope = LogsPipeline.MAX_BATCH_ENTRIES - 10;
    assertThat(offer(toAFullEnvelope)).isEqualTo(toAFullEnvelope);
    Poll.until("the logs thread saw them", WAIT,
        () -> pipeline.leftWaiting() == LogsPipeline.MAX_BATCH_ENTRIES);
    assertThat(built.get()).as("an envelope's worth waits unbuilt while lines keep coming").isZero();

    int rest = LogsPipeline.BUILD_AT_WAITING - LogsPipeline.MAX_BATCH_ENTRIES;
    assertThat(offer(rest)).isEqualTo(rest);
    Poll.until("full envelopes are sent without a flush", WAIT,
        () -> transport.entries.get() == LogsPipeline.BUILD_AT_WAITING);
    assertThat(built.get()).isEqualTo(LogsPipeline.BUILD_AT_WAITING);
    assertThat(transport.logItems.get()).as("Sentry's limit of 100 entries per envelope")
        .isEqualTo(LogsPipeline.BUILD_AT_WAITING / LogsPipeline.MAX_BATCH_ENTRIES);

    assertThat(offer(3)).isEqualTo(3);
    assertThat(pipeline.flush(WAIT)).isTrue();
    assertThat(built.get()).as("a flush builds what waits")
        .isEqualTo(LogsPipeline.BUILD_AT_WAITING + 3);
    assertThat(bodies.subList(0, 3)).containsExactly("line 0", "line 1", "line 2");
  }

  @Test
  void quietLinesGoOnceTheOldestIsMaxAgeOldNotAfterASecondMaxAgeForTheirBatch() {
    laneFull.set(false);
    Duration maxAge = Duration.ofSeconds(2);
    pipeline = new LogsPipeline(scopes, 5_000, reporter, maxAge, laneFull::get);

    assertThat(offer(3)).isEqualTo(3);

    // built when the oldest is 2 s old; its batch counts from then on, not from being built (which
    // sent these lines 4 s after they were logged)
    Poll.until("the lines are sent once the oldest is 2 s old", Duration.ofMillis(3_500),
        () -> transport.logItems.get() == 1 && transport.entries.get() == 3);
  }

  @Test
  void aBatchOfLinesInAnotherScriptStaysUnderTheByteBound() {
    laneFull.set(false);
    pipeline = new LogsPipeline(scopes, 5_000, reporter, Duration.ofHours(1), laneFull::get);
    // three UTF-8 bytes per character: counted in characters, a full batch of these (120,000
    // characters, 360,000 bytes) would pass the bound
    String text = "ご注文は支払い済みです。".repeat(100);

    for (int i = 0; i < LogsPipeline.MAX_BATCH_ENTRIES; i++) {
      assertThat(offer(record(i + " " + text))).isTrue();
    }
    assertThat(pipeline.flush(WAIT)).isTrue();

    assertThat(transport.entries.get()).isEqualTo(LogsPipeline.MAX_BATCH_ENTRIES);
    assertThat(transport.logItems.get()).isGreaterThan(1);
    assertThat(transport.largestLogItem.get()).isLessThanOrEqualTo(LogsPipeline.MAX_BATCH_BYTES);
  }

  @Test
  void whileTheLogLaneIsFullEntriesWaitUnbuiltAndTheQueueDropsUnderTheLanesReason() {
    pipeline = new LogsPipeline(scopes, 5, reporter, Duration.ofMillis(50), laneFull::get);
    Poll.until("the logs thread holds back", WAIT, () -> pipeline.heldBackFor() != null);

    int accepted = offer(12);

    assertThat(accepted).isEqualTo(5); // the thread took none of them: the queue is full
    assertThat(built.get()).isZero();
    assertThat(transport.entries.get()).isZero();
    assertThat(pipeline.heldBackFor()).isEqualTo(LogsPipeline.LANE_FULL);

    laneFull.set(false);
    Poll.until("the queued entries are sent", WAIT, () -> transport.entries.get() == 5);
    pipeline.close(Duration.ofSeconds(1));
    pipeline = null;

    assertThat(built.get()).isEqualTo(5);
    assertThat(reporter.lines("WARN"))
        .containsExactly(
            "7 log entries dropped: too many log envelopes waiting for Sentry");
    // count and bytes, as the SDK reports its own drops; never built, so their size is estimated
    assertThat(discards).contains("cache_overflow log_item 7");
    assertThat(discards).anyMatch(d -> d.startsWith("cache_overflow log_byte ")
        && Long.parseLong(d.substring(d.lastIndexOf(' ') + 1)) > 0);
  }

  @Test
  void anEntryWhoseBeforeSendLogThrowsIsDroppedAsACallbackError() {
    laneFull.set(false);
    pipeline = new LogsPipeline(scopes, 16, reporter, Duration.ofMillis(50), laneFull::get);

    assertThat(offer(record("fine 1"))).isTrue();
    assertThat(offer(record("explode 2"))).isTrue();
    assertThat(offer(record("fine 3"))).isTrue();
    assertThat(pipeline.flush(WAIT)).isTrue();
    pipeline.close(Duration.ofSeconds(1));
    pipeline = null;

    // a scrubbing hook that fails must not let the line out: the SDK drops it too
    assertThat(transport.entries.get()).isEqualTo(2);
    assertThat(bodies).containsExactly("fine 1", "fine 3");
    // callback_error where the SDK has that reason (not 8.53.0), else the hook's own
    String reason =
        Arrays.stream(DiscardReason.values()).anyMatch(r -> r.name().equals("CALLBACK_ERROR"))
            ? "callback_error"
            : "before_send";
    assertThat(discards).contains(reason + " log_item 1");
    assertThat(discards).anyMatch(d -> d.startsWith(reason + " log_byte "));
    assertThat(reporter.lines("WARN"))
        .anyMatch(line -> line.startsWith("1 log entry dropped: beforeSendLog threw (last: ")
            && line.contains("the hook failed on purpose"));
  }

  @Test
  void whileLogItemsAreRateLimitedTheQueueDropsUnderTheRateLimitsReason() {
    laneFull.set(false);
    transport.rateLimiter.updateRetryAfterLimits("60:log_item:organization", null, 429);
    pipeline = new LogsPipeline(scopes, 3, reporter, Duration.ofMillis(50), laneFull::get);
    Poll.until("the logs thread holds back", WAIT, () -> pipeline.heldBackFor() != null);

    int accepted = offer(4);
    pipeline.close(Duration.ofSeconds(1));
    pipeline = null;

    assertThat(accepted).isEqualTo(3);
    // close hands what is queued over regardless: the transport decides and counts
    assertThat(transport.entries.get()).isEqualTo(3);
    assertThat(reporter.lines("WARN"))
        .containsExactly(
            "1 log entry dropped: Sentry's rate limit for their category was active");
  }

  @Test
  void aFlushHandsOverWhatWaitsWhileTheLaneIsFull() {
    pipeline = new LogsPipeline(scopes, 10, reporter, Duration.ofSeconds(30), laneFull::get);
    Poll.until("the logs thread holds back", WAIT, () -> pipeline.heldBackFor() != null);
    assertThat(offer(4)).isEqualTo(4);

    assertThat(pipeline.flush(WAIT)).isTrue();

    assertThat(transport.entries.get()).isEqualTo(4);
    assertThat(pipeline.dropped()).isZero();
  }

  @Test
  void concurrentOffersNeverPassTheBound() throws Exception {
    pipeline = new LogsPipeline(scopes, 37, reporter, Duration.ofMillis(50), laneFull::get);
    Poll.until("the logs thread holds back", WAIT, () -> pipeline.heldBackFor() != null);
    List<String> accepted = Collections.synchronizedList(new ArrayList<>());

    runConcurrently(4, producer -> {
      for (int i = 0; i < 50; i++) {
        String body = "producer " + producer + " line " + i;
        if (offer(record(body))) {
          accepted.add(body);
        }
      }
    });

    assertThat(accepted).hasSize(37);
    assertThat(pipeline.dropped()).isEqualTo(4 * 50 - 37);
    laneFull.set(false);
    assertThat(pipeline.flush(WAIT)).isTrue();
    assertThat(bodies).containsExactlyInAnyOrderElementsOf(accepted);
  }

  @Test
  void everyEntryIsTakenOnceAndInOrderWhileTheRingWrapsManyTimes() throws Exception {
    laneFull.set(false);
    pipeline = new LogsPipeline(scopes, 8, reporter, Duration.ofMillis(50), laneFull::get);
    int producers = 3;
    int lines = 500;

    runConcurrently(producers, producer -> {
      for (int i = 0; i < lines; i++) {
        LogRecord record = record(producer + ":" + i);
        while (!offer(record)) {
          Thread.onSpinWait(); // the queue is full for now: the logs thread frees a slot soon
        }
      }
    });
    assertThat(pipeline.flush(WAIT)).isTrue();

    assertThat(bodies).hasSize(producers * lines);
    int[] next = new int[producers];
    for (String body : bodies) {
      int producer = Integer.parseInt(body.substring(0, body.indexOf(':')));
      assertThat(body).isEqualTo(producer + ":" + next[producer]);
      next[producer]++;
    }
    assertThat(transport.entries.get()).isEqualTo(producers * lines);
  }

  /** Runs {@code work} on {@code threads} threads started together; waits for all of them. */
  private static void runConcurrently(int threads, IntConsumer work) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int producer = t;
        done.add(pool.submit(() -> {
          start.await();
          work.accept(producer);
          return null;
        }));
      }
      start.countDown();
      for (Future<?> one : done) {
        one.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static LogRecord record(String body) {
    return LogRecord.builder(LogLevel.INFO, "orders").message(body, body).build();
  }

  private boolean offer(LogRecord record) {
    return pipeline.offer(record, null, null, SOURCE);
  }

  private int offer(int count) {
    int accepted = 0;
    for (int i = 0; i < count; i++) {
      LogRecord record =
          LogRecord.builder(LogLevel.INFO, "orders").message("line {}", "line " + i).build();
      if (offer(record)) {
        accepted++;
      }
    }
    return accepted;
  }

  private SentryOptions options() {
    SentryOptions sentry = new SentryOptions();
    sentry.setDsn("http://key@127.0.0.1:1/1");
    sentry.getLogs().setEnabled(true);
    sentry.getLogs().setBeforeSend(log -> {
      if (log.getBody().startsWith("explode")) {
        throw new IllegalStateException("the hook failed on purpose");
      }
      built.incrementAndGet();
      bodies.add(log.getBody());
      return log;
    });
    sentry.setOnDiscard(
        (reason, category, quantity) ->
            discards.add(reason.getReason() + " " + category.getCategory() + " " + quantity));
    sentry.setTransportFactory((o, request) -> transport);
    return sentry;
  }

  private IScopes scopes() {
    Scope global = new Scope(options);
    global.bindClient(new SentryClient(options));
    return new Scopes(new Scope(options), new Scope(options), global, "test");
  }

  /** Counts the log entries of the envelopes the SDK client sends. */
  private final class RecordingTransport implements ITransport {
    final AtomicLong entries = new AtomicLong();
    final AtomicLong logItems = new AtomicLong();
    /** The serialized bytes of the largest log item sent. */
    final AtomicLong largestLogItem = new AtomicLong();
    final RateLimiter rateLimiter = new RateLimiter(new SentryOptions());

    @Override
    public void send(SentryEnvelope envelope, Hint hint) {
      for (SentryEnvelopeItem item : envelope.getItems()) {
        if (item.getHeader().getType() == SentryItemType.Log) {
          Integer count = item.getHeader().getItemCount();
          entries.addAndGet(count == null ? 1 : count);
          logItems.incrementAndGet();
          try {
            largestLogItem.accumulateAndGet(item.getData().length, Math::max);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }

    @Override
    public void flush(long timeoutMillis) {}

    @Override
    public RateLimiter getRateLimiter() {
      return rateLimiter;
    }

    @Override
    public void close(boolean isRestarting) {}

    @Override
    public void close() {}
  }
}
