package org.sentrybridge.logs;

import io.sentry.DataCategory;
import io.sentry.EventProcessor;
import io.sentry.IScopes;
import io.sentry.SentryLogEvent;
import io.sentry.SentryLogEvents;
import io.sentry.SentryOptions;
import io.sentry.clientreport.DiscardReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.sentrybridge.StatusReporter;
import org.sentrybridge.delivery.DropCounter;
import org.sentrybridge.event.MessageTemplates;

/**
 * Sentry Logs, apart from the errors. {@link #offer} is what the logging thread pays: a lock-free
 * enqueue into a bounded queue. One daemon thread formats the entries, builds the SDK's {@link
 * SentryLogEvent}s, runs the SDK's log hooks (event processors, {@code beforeSendLog}) and hands
 * them to the SDK client in batches ({@link SentryLogEvents}, one {@code log} envelope item) of up
 * to {@link #MAX_BATCH_ENTRIES} entries, when a batch is full or {@link #MAX_BATCH_AGE} old, and
 * on flush and close. The client passes the envelope to the transport (sentry-bridge's outbox,
 * which sends errors first and drops log envelopes before any error).
 *
 * <p>A full queue drops the new entry: counted, and reported on the status channel at most once a
 * minute. The SDK's own batch processor is not used: its fixed queue drops silently.
 *
 * <p>Memory: at most {@code capacity} entries wait in the queue (passed by at most one per thread
 * logging at that instant) and one batch of at most {@link #MAX_BATCH_ENTRIES} entries and {@link
 * #MAX_BATCH_BYTES} estimated bytes is being built; the outbox then keeps at most 10 log
 * envelopes. One thread builds the entries because building is the cheap part: an entry takes a
 * few hundred nanoseconds to build and tens of times that to serialize, which the outbox does on
 * as many threads as there are cores (at most {@code maxRequestsInFlight}).
 */
public final class LogsPipeline {

  /**
   * Entries per envelope: Sentry (Relay) refuses a {@code log} item of more than 1,000 entries.
   * Larger batches than the SDK's 100 cut the per-envelope work (request, headers, compression
   * set-up, the answer) tenfold under load; a quiet application still sends after {@link
   * #MAX_BATCH_AGE}.
   */
  public static final int MAX_BATCH_ENTRIES = 1000;
  /** A batch is sent once its first entry waited this long. */
  public static final Duration MAX_BATCH_AGE = Duration.ofSeconds(5);
  /** Estimated serialized bytes per envelope, under the 1 MiB a log batch may have. */
  static final int MAX_BATCH_BYTES = 800_000;

  static final String QUEUE_FULL = "the logs queue was full";
  private static final String STOPPED = "still queued when sentry-bridge stopped";
  private static final int PUBLISH_EVERY = 64;
  private static final long NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long BUSY_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** How often an idle moment looks at the drop counts: the thread naps every millisecond. */
  private static final long DROP_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final AtomicInteger COUNT = new AtomicInteger();

  private final IScopes scopes;
  private final int capacity;
  private final DropCounter drops;
  private final Queue<LogEntry> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong offered = new AtomicLong();
  private final AtomicLong processed = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  /** Entries refused for a full queue, not yet passed to {@link #drops} by the logs thread. */
  private final LongAdder refused = new LongAdder();
  private final Thread thread;
  private final long maxAgeNanos;
  private volatile boolean idle;
  private volatile boolean closed;
  /** The highest offered count a flush waits for. */
  private final AtomicLong flushTarget = new AtomicLong();
  /** Entries taken and no longer in an open batch: handed to the SDK, or dropped. */
  private final AtomicLong handedOver = new AtomicLong();
  /** Sender thread only. */
  private long processedLocally;
  private final List<SentryLogEvent> batch = new ArrayList<>();
  private int batchBytes;
  private long batchStartedNanos;
  private long lastWorkNanos = System.nanoTime() - BUSY_NANOS;
  private long lastDropCheckNanos = System.nanoTime() - DROP_CHECK_NANOS;
  private LogEventBuilder builder;

  /**
   * Starts the sender thread.
   *
   * @param scopes the SDK the batches go to (its client, options and hooks)
   * @param capacity entries that may wait for the sender thread
   * @param reporter where drops are reported, at most once a minute
   */
  public LogsPipeline(IScopes scopes, int capacity, StatusReporter reporter) {
    this(scopes, capacity, reporter, MAX_BATCH_AGE);
  }

  LogsPipeline(IScopes scopes, int capacity, StatusReporter reporter, Duration maxAge) {
    this.scopes = scopes;
    this.capacity = Math.max(1, capacity);
    this.drops = new DropCounter(reporter, Duration.ofMinutes(1));
    this.maxAgeNanos = maxAge.toNanos();
    // the "sentry-bridge-" name keeps what the SDK or a hook logs here from looping back
    this.thread = new Thread(this::run, "sentry-bridge-logs-" + COUNT.incrementAndGet());
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /**
   * True when the SDK the integration sends through has Sentry Logs on ({@code logs.enabled}).
   *
   * @param scopes the integration's SDK
   * @return true when log entries are to be sent
   */
  public static boolean enabledIn(IScopes scopes) {
    try {
      return scopes.getOptions().getLogs().isEnabled();
    } catch (LinkageError e) {
      return false; // an SDK without Sentry Logs
    }
  }

  /**
   * Hands an entry to the sender thread without blocking.
   *
   * @param entry the snapshot taken on the logging thread
   * @return false when the queue is full or the pipeline closed; a full queue's drop is counted
   */
  public boolean offer(LogEntry entry) {
    if (closed) {
      return false;
    }
    // the bound may be passed by as many entries as there are concurrent producers, never more
    if (offered.get() - processed.get() >= capacity) {
      refused.increment(); // counted and reported by the logs thread: no text work here
      return false;
    }
    offered.incrementAndGet();
    queue.add(entry);
    if (idle) {
      LockSupport.unpark(thread);
    }
    return true;
  }

  /** Entries dropped by this pipeline so far (queue full, not convertible, left at stop). */
  public long dropped() {
    return drops.logEntriesTotal() + refused.sum();
  }

  /** Passes the entries refused on application threads to the drop counter and reports if due. */
  private void reportDrops() {
    long count = refused.sumThenReset();
    if (count > 0) {
      drops.countLogEntries(count, QUEUE_FULL);
    }
    drops.reportIfDue();
  }

  /** Entries handed to the SDK client so far (after {@code beforeSendLog}). */
  public long sent() {
    return sent.get();
  }

  /**
   * Waits until every entry offered so far was handed to the SDK client (the open batch too),
   * within {@code timeout}; the transport's own flush is the caller's.
   *
   * @param timeout how long to wait at most
   * @return true when everything was handed over in time
   */
  public boolean flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long target = offered.get();
    flushTarget.accumulateAndGet(target, Math::max);
    LockSupport.unpark(thread);
    while (handedOver.get() < target) {
      if (System.nanoTime() - deadline >= 0 || !thread.isAlive()) {
        return false;
      }
      LockSupport.parkNanos(NAP_NANOS);
    }
    return true;
  }

  /**
   * Stops taking entries, hands what is queued to the SDK within {@code timeout} and stops the
   * thread; what is left is counted as dropped and reported.
   *
   * @param timeout how long handing over may take
   */
  public void close(Duration timeout) {
    if (closed) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    flush(timeout);
    closed = true;
    LockSupport.unpark(thread);
    try {
      thread.join(Math.max(100, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long left = offered.get() - processed.get();
    if (left > 0 && !thread.isAlive()) {
      drops.addLogEntries(left, STOPPED);
    }
    long count = refused.sumThenReset();
    if (count > 0) {
      drops.countLogEntries(count, QUEUE_FULL);
    }
    drops.reportNow();
  }

  private void run() {
    while (true) {
      LogEntry entry = queue.poll();
      long now = System.nanoTime();
      if (entry != null) {
        lastWorkNanos = now;
        take(entry, now);
        if ((++processedLocally & (PUBLISH_EVERY - 1)) == 0) {
          processed.lazySet(processedLocally);
        }
        if (batch.size() > 0 && now - batchStartedNanos >= maxAgeNanos) {
          sendBatch(); // under constant load the queue is never empty: age counts on the way too
          reportDrops();
        }
        continue;
      }
      boolean flushing = closed || flushTarget.get() > handedOver.get();
      if (!batch.isEmpty() && (flushing || now - batchStartedNanos >= maxAgeNanos)) {
        sendBatch();
      }
      processed.set(processedLocally); // queue empty: everything taken so far is processed
      if (batch.isEmpty()) {
        handedOver.set(processedLocally);
      }
      if (closed || now - lastDropCheckNanos >= DROP_CHECK_NANOS) {
        lastDropCheckNanos = now;
        reportDrops();
      }
      if (closed) {
        if (queue.isEmpty()) {
          return;
        }
        continue;
      }
      long wait = batch.isEmpty() ? BUSY_NANOS : Math.max(1, batchStartedNanos + maxAgeNanos - now);
      if (now - lastWorkNanos < BUSY_NANOS) {
        // entries came recently: poll again shortly instead of asking producers to unpark us
        LockSupport.parkNanos(this, Math.min(wait, NAP_NANOS));
      } else {
        idle = true;
        try {
          if (queue.isEmpty()) {
            LockSupport.parkNanos(this, wait);
          }
        } finally {
          idle = false;
        }
      }
    }
  }

  private void take(LogEntry entry, long now) {
    SentryLogEvent log;
    try {
      if (builder == null) {
        builder = new LogEventBuilder(scopes.getOptions(), fallbackTrace());
      }
      log = processed(builder.build(entry));
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      drops.addLogEntries(1, "could not be turned into Sentry logs (last: "
          + MessageTemplates.text(e) + ")");
      return;
    }
    if (log == null) {
      return; // dropped by a hook, recorded for the client report
    }
    int bytes = LogEventBuilder.estimatedBytes(log);
    if (!batch.isEmpty() && batchBytes + bytes > MAX_BATCH_BYTES) {
      sendBatch();
    }
    if (batch.isEmpty()) {
      batchStartedNanos = now;
    }
    batch.add(log);
    batchBytes += bytes;
    if (batch.size() >= MAX_BATCH_ENTRIES) {
      sendBatch();
    }
  }

  /** The SDK's log hooks, as its client runs them: event processors, then beforeSendLog. */
  private SentryLogEvent processed(SentryLogEvent log) {
    SentryOptions options = scopes.getOptions();
    for (EventProcessor processor : options.getEventProcessors()) {
      log = processor.process(log);
      if (log == null) {
        options
            .getClientReportRecorder()
            .recordLostEvent(DiscardReason.EVENT_PROCESSOR, DataCategory.LogItem);
        return null;
      }
    }
    SentryOptions.Logs.BeforeSendLogCallback beforeSend = options.getLogs().getBeforeSend();
    if (beforeSend == null) {
      return log;
    }
    SentryLogEvent kept;
    try {
      kept = beforeSend.execute(log);
    } catch (RuntimeException e) {
      kept = log; // as the SDK does: a failing hook does not lose the entry
    }
    if (kept == null) {
      options
          .getClientReportRecorder()
          .recordLostEvent(DiscardReason.BEFORE_SEND, DataCategory.LogItem);
    }
    return kept;
  }

  private void sendBatch() {
    List<SentryLogEvent> entries = new ArrayList<>(batch);
    batch.clear();
    batchBytes = 0;
    try {
      scopes.getGlobalScope().getClient().captureBatchedLogEvents(new SentryLogEvents(entries));
      sent.addAndGet(entries.size());
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      drops.addLogEntries(entries.size(), "could not be handed to the Sentry SDK (last: "
          + MessageTemplates.text(e) + ")");
    }
  }

  /** The trace id of threads that never started a trace: the root scopes' propagation one. */
  private io.sentry.protocol.SentryId fallbackTrace() {
    return scopes.getIsolationScope().getPropagationContext().getTraceId();
  }
}
