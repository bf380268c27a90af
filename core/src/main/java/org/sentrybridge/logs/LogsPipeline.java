package org.sentrybridge.logs;

import io.sentry.CombinedScopeView;
import io.sentry.DataCategory;
import io.sentry.EventProcessor;
import io.sentry.IScope;
import io.sentry.IScopes;
import io.sentry.SentryLogEvent;
import io.sentry.SentryLogEvents;
import io.sentry.SentryOptions;
import io.sentry.clientreport.DiscardReason;
import io.sentry.clientreport.IClientReportRecorder;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.sentrybridge.StatusReporter;
import org.sentrybridge.delivery.DropCounter;
import org.sentrybridge.event.LogRecord;
import org.sentrybridge.event.MessageTemplates;
import org.sentrybridge.event.RingSizes;

/**
 * Sentry Logs, apart from the errors. {@link #offer} is what the logging thread pays: a lock-free
 * hand-off into a bounded ring of slots (a place claimed with one compare-and-set, the entry's
 * parts stored into it; no node, entry or other object per line). One daemon thread formats the
 * entries, builds the SDK's {@link
 * SentryLogEvent}s, runs the SDK's log hooks (event processors, {@code beforeSendLog}) and hands
 * them to the SDK client in batches ({@link SentryLogEvents}, one {@code log} envelope item) of up
 * to {@link #MAX_BATCH_ENTRIES} entries, when a batch is full or {@link #MAX_BATCH_AGE} old, and
 * on flush and close. The client passes the envelope to the transport (sentry-bridge's outbox,
 * which sends errors first and drops log envelopes before any error).
 *
 * <p>A full queue drops the new entry: counted, and reported on the status channel at most once a
 * minute. The SDK's own batch processor is not used: its fixed queue drops silently.
 *
 * <p>Backpressure: while the outbox's log lane is full, or Sentry's rate limit for {@code log_item}
 * is active, the thread builds no entry only for it to be dropped further on: entries stay in the
 * queue, and once it is full the logging thread drops the new one at {@link #offer}, counted under
 * the reason the thread holds back for (the same reason the outbox would have given). Flush and
 * close hand everything over regardless.
 *
 * <p>Memory: at most {@code capacity} entries wait in the queue, whose slots are made at start
 * ({@value #SLOT_SIZE} references each, {@code capacity} rounded up to a power of two) and one
 * batch of at most {@link #MAX_BATCH_ENTRIES} entries and {@link #MAX_BATCH_BYTES} estimated
 * bytes is being built; the outbox then keeps at most 32 log
 * envelopes, each as built entries and, once encoded, as the SDK's JSON too. One thread builds
 * the entries because building is the cheap part: an entry takes a few hundred nanoseconds to
 * build and tens of times that to serialize, which the outbox does on as many threads as there
 * are cores (at most {@code maxRequestsInFlight}).
 */
public final class LogsPipeline {

  /**
   * Entries per envelope: Sentry's Logs protocol says an SDK must not send more than 100 logs per
   * envelope (Relay is optimized for that), and the SDK's own batches are of 100. A quiet
   * application still sends after {@link #MAX_BATCH_AGE}.
   */
  public static final int MAX_BATCH_ENTRIES = 100;
  /**
   * Entries that wait unbuilt before the logs thread builds them, ten envelopes' worth: a burst of
   * lines is built once the application has logged a thousand of them, not from its hundredth
   * line on while the application is still logging it (the envelope's limit of 100 is Sentry's;
   * how many lines are built in one go is ours). A quiet application's lines are built after
   * {@link #MAX_BATCH_AGE}, a small queue's once half of it waits.
   */
  static final int BUILD_AT_WAITING = 10 * MAX_BATCH_ENTRIES;
  /** A batch is sent once its first entry waited this long. */
  public static final Duration MAX_BATCH_AGE = Duration.ofSeconds(5);
  /**
   * Estimated serialized bytes per batch. The SDK serializes a {@code log} item into one byte
   * array, grown by doubling from a small one; kept under 256 KiB, neither that array nor any
   * step of its growth (nor the receiving side's copy of the envelope) reaches 512 KiB, half the
   * smallest G1 region, from where the JVM allocates an array as humongous: outside the young
   * generation, each one able to start a collection. The estimate is at or above the bytes the SDK
   * writes (UTF-8, with JSON's escapes), whatever the script, so a batch is also well under the 1
   * MiB a log item may have; only one entry larger than that bound alone makes a larger batch.
   */
  static final int MAX_BATCH_BYTES = 240_000;
  /**
   * The SDK's {@code callback_error} discard reason; null in SDK versions before it existed
   * (8.53.0 has none), where a failing hook is recorded under the hook's own reason.
   */
  private static final DiscardReason CALLBACK_ERROR = discardReason("CALLBACK_ERROR");
  /** The size a refused entry is counted at for the client report before any entry was built. */
  private static final long AVERAGE_ENTRY_BYTES_BEFORE_ANY = 300;

  static final String QUEUE_FULL = "the logs queue was full";
  /** The outbox's reason for a log envelope its full lane cannot keep. */
  static final String LANE_FULL = "too many log envelopes waiting for Sentry";
  /** The outbox's reason for an envelope of a rate-limited category. */
  static final String RATE_LIMITED = "Sentry's rate limit for their category was active";
  private static final String STOPPED = "still queued when sentry-bridge stopped";
  private static final int PUBLISH_EVERY = 64;
  private static final long NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long BUSY_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** How often an idle moment looks at the drop counts: the thread naps every millisecond. */
  private static final long DROP_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  /** How long the logs thread naps while entries wait for their batch and no more come. */
  private static final long QUIET_NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  /** A rate limit lasts seconds: its end is looked for less often than a lane's free slot. */
  private static final long RATE_LIMIT_NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final AtomicInteger COUNT = new AtomicInteger();
  /** References per slot: record, typed arguments, the scope's part ({@link LogScope}), source. */
  static final int SLOT_SIZE = 4;
  /**
   * Reads and writes a slot's record with memory ordering: the record is written last, after the
   * slot's other parts (plain writes), and read first, so the logs thread that sees it sees them.
   */
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

  private final IScopes scopes;
  private final int capacity;
  private final DropCounter drops;
  /**
   * The queue: entry number {@code n} goes into slot {@code n & mask}, the {@value #SLOT_SIZE}
   * elements from {@code (n & mask) * SLOT_SIZE}, where the logs thread takes it and leaves nulls.
   * Room for at least {@code capacity} entries, so a slot is free again before {@link #offer} may
   * claim it (it claims only below {@code processed + capacity}).
   */
  private final Object[] slots;
  private final int mask;
  /** Waiting entries that are built whatever the batch: half the queue. */
  private final int takeAtWaiting;
  /** Entries claimed by {@link #offer} so far: the next entry's number. */
  private final AtomicLong offered = new AtomicLong();
  private final AtomicLong processed = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  /**
   * Entries refused for a full queue, per {@link Hold} at that moment, not yet passed to {@link
   * #drops} by the logs thread.
   */
  private final LongAdder[] refused = {new LongAdder(), new LongAdder(), new LongAdder()};
  /** What the logs thread holds back for; read by {@link #offer} to give a refusal its reason. */
  private volatile Hold hold = Hold.NONE;
  private final BooleanSupplier laneFull;
  private final Thread thread;
  private final long maxAgeNanos;
  private volatile boolean idle;
  private volatile boolean closed;
  /** The highest offered count a flush waits for. */
  private final AtomicLong flushTarget = new AtomicLong();
  /** Flushes waiting now: the thread does not hold back for them, but only while they wait. */
  private final AtomicInteger flushesWaiting = new AtomicInteger();
  /** Entries taken and no longer in an open batch: handed to the SDK, or dropped. */
  private final AtomicLong handedOver = new AtomicLong();
  /** Sender thread only. */
  private long processedLocally;
  private final List<SentryLogEvent> batch = new ArrayList<>();
  private int batchBytes;
  /** A built entry the batch had no room for in bytes: it starts the next batch. */
  private SentryLogEvent overflow;
  private int overflowBytes;
  private boolean overflowWaited;
  /** Entries built so far and their estimated bytes: the size a refused entry is counted at. */
  private long builtEntries;
  private long builtBytes;
  private long batchStartedNanos;
  /**
   * When the open batch's oldest entry came, as far as known: when the thread first saw entries
   * waiting, for a batch that starts with one of them; else its start.
   */
  private long batchOldestNanos;
  /** Entries numbered below this one were waiting, unbuilt, when the current build began. */
  private long waitedUpTo;
  /** False while the last look found an entry to take: the thread has not caught up. */
  private boolean caughtUp = true;
  /** While true the thread builds every waiting entry; false once the queue was found empty. */
  private boolean taking;
  /** When entries were first seen waiting unbuilt; -1 when none wait. */
  private long waitingSinceNanos = -1;
  /** How many entries waited, unbuilt, at the thread's last look (at most once a millisecond). */
  private volatile long leftWaiting;
  /** Whether more entries waited at the last look than at the one before. Logs thread only. */
  private boolean waitingGrew;
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
    this(scopes, capacity, reporter, () -> false);
  }

  /**
   * Starts the sender thread, holding entries back while the transport's log lane is full.
   *
   * @param scopes the SDK the batches go to (its client, options and hooks)
   * @param capacity entries that may wait for the sender thread
   * @param reporter where drops are reported, at most once a minute
   * @param laneFull true while the transport cannot keep another log envelope without dropping one
   */
  public LogsPipeline(
      IScopes scopes, int capacity, StatusReporter reporter, BooleanSupplier laneFull) {
    this(scopes, capacity, reporter, MAX_BATCH_AGE, laneFull);
  }

  LogsPipeline(IScopes scopes, int capacity, StatusReporter reporter, Duration maxAge) {
    this(scopes, capacity, reporter, maxAge, () -> false);
  }

  LogsPipeline(
      IScopes scopes,
      int capacity,
      StatusReporter reporter,
      Duration maxAge,
      BooleanSupplier laneFull) {
    this.scopes = scopes;
    this.laneFull = laneFull;
    this.capacity = RingSizes.bounded(capacity);
    int length = RingSizes.powerOfTwoAtLeast(this.capacity);
    this.slots = new Object[length * SLOT_SIZE];
    this.mask = length - 1;
    // a queue smaller than two batches is emptied once half full, before logging threads drop
    this.takeAtWaiting = Math.max(1, this.capacity / 2);
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
   * Hands an entry to the sender thread without blocking, its parts stored into a queue slot.
   *
   * @param record the log event, copied off the framework's mutable objects
   * @param typedArguments see {@link LogEntry#typed(Object[], LogRecord)}; null for none
   * @param scope the logging thread's trace and span id, its scope's user and, when its scopes have
   *     event processors of their own, those scopes; null when none
   * @param source the appender's rules and metadata choice, made once per appender
   * @return false when the queue is full or the pipeline closed; a full queue's drop is counted
   */
  public boolean offer(
      LogRecord record, Object[] typedArguments, LogScope scope, LogEntry.Source source) {
    if (closed) {
      return false;
    }
    long number;
    do {
      number = offered.get();
      if (number - processed.get() >= capacity) {
        // counted and reported by the logs thread: no text work here
        refused[hold.ordinal()].increment();
        return false;
      }
    } while (!offered.compareAndSet(number, number + 1));
    int slot = ((int) number & mask) * SLOT_SIZE;
    slots[slot + 1] = typedArguments;
    slots[slot + 2] = scope;
    slots[slot + 3] = source;
    // the record last, a release store: the logs thread that reads it sees the parts above. No
    // fence needed before the read of idle: the claim's compare-and-set came first, and a logs
    // thread about to park announces idle before it looks at the claims (run)
    SLOT.setRelease(slots, slot, record);
    if (idle) {
      LockSupport.unpark(thread);
    }
    return true;
  }

  /** Entries dropped by this pipeline so far (queue full, not convertible, left at stop). */
  public long dropped() {
    long total = drops.logEntriesTotal();
    for (LongAdder count : refused) {
      total += count.sum();
    }
    return total;
  }

  /** Passes the entries refused on application threads to the drop counter and reports if due. */
  private void reportDrops() {
    countRefused();
    drops.reportIfDue();
  }

  private void countRefused() {
    for (Hold reason : Hold.values()) {
      long count = refused[reason.ordinal()].sumThenReset();
      if (count > 0) {
        drops.countLogEntries(count, reason.text);
        // never built, so never measured: counted at the average size of the entries built
        lost(reason.clientReport, count, count * averageEntryBytes());
      }
    }
  }

  /** The reason the logs thread holds entries back for now; null when it does not. */
  String heldBackFor() {
    Hold now = hold;
    return now == Hold.NONE ? null : now.text;
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
    flushesWaiting.incrementAndGet();
    try {
      LockSupport.unpark(thread);
      while (handedOver.get() < target) {
        if (System.nanoTime() - deadline >= 0 || !thread.isAlive()) {
          return false;
        }
        LockSupport.parkNanos(NAP_NANOS);
      }
      return true;
    } finally {
      flushesWaiting.decrementAndGet();
    }
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
    countRefused();
    drops.reportNow();
  }

  private void run() {
    while (true) {
      long now = System.nanoTime();
      // while entries keep coming, a batch goes when full or its own age is up; once the thread
      // has caught up, when its oldest entry's is (entries waited unbuilt before they were built)
      boolean due =
          overflow != null
              || batch.size() >= MAX_BATCH_ENTRIES
              || (!batch.isEmpty()
                  && (now - batchStartedNanos >= maxAgeNanos
                      || (caughtUp && now - batchOldestNanos >= maxAgeNanos)));
      // asked before a batch starts and before it goes: twice per batch, not per entry
      if ((due || batch.isEmpty()) && holdsBack()) {
        waitWhileHeld(now);
        continue;
      }
      if (due) {
        sendBatch(); // under constant load the queue is never empty: age counts on the way too
        reportDrops();
        if (overflow != null) {
          add(overflow, overflowBytes, overflowWaited, now);
          overflow = null;
        }
      }
      LogEntry entry = takeNow(now) ? poll() : null;
      caughtUp = entry == null;
      if (entry != null) {
        lastWorkNanos = now;
        take(entry, now);
        if ((++processedLocally & (PUBLISH_EVERY - 1)) == 0) {
          processed.lazySet(processedLocally);
        }
        continue;
      }
      boolean flushing = closed || flushTarget.get() > handedOver.get();
      if (!batch.isEmpty() && flushing) {
        sendBatch();
      }
      if (taking && offered.get() == processedLocally) {
        // everything that waited is built; a slot claimed but not yet filled keeps the build on
        taking = false;
        waitingSinceNanos = -1;
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
        if (isEmpty()) {
          return;
        }
        continue;
      }
      long wait = batch.isEmpty() ? BUSY_NANOS : Math.max(1, batchOldestNanos + maxAgeNanos - now);
      if (taking) {
        // a logging thread claimed the next slot and has not filled it yet: it does in a moment
        // (or once it runs again), and does not wake this thread, which is not idle
        LockSupport.parkNanos(this, NAP_NANOS);
      } else if (waitingSinceNanos >= 0) {
        // entries wait for their batch to be due, and nobody wakes us for it: look again shortly
        // while more keep coming (a full queue drops), else only every few milliseconds until the
        // oldest is due, so that one quiet line does not cost a wake-up a millisecond
        long untilDue = Math.max(1, oldestWaitingNanos() + maxAgeNanos - now);
        LockSupport.parkNanos(this, Math.min(untilDue, waitingGrew ? NAP_NANOS : QUIET_NAP_NANOS));
      } else if (now - lastWorkNanos < BUSY_NANOS) {
        // entries came recently: poll again shortly instead of asking producers to unpark us
        LockSupport.parkNanos(this, Math.min(wait, NAP_NANOS));
      } else {
        idle = true;
        try {
          // the claims, not the slots: an offer claims before it reads idle, and fills the slot
          // after, so a slot can look empty to this thread whose filler found no one idle
          if (offered.get() == processedLocally) {
            LockSupport.parkNanos(this, wait);
          } else if (isEmpty()) {
            LockSupport.parkNanos(this, NAP_NANOS); // claimed, being filled: look again shortly
          }
        } finally {
          idle = false;
        }
      }
    }
  }

  /**
   * Whether to build the waiting entries now. They are built {@link #BUILD_AT_WAITING} at a time:
   * when that many wait (counting the entries already built), the oldest waits for the batch age,
   * or a flush or close asks; or when half the queue waits. Until then they wait as the
   * logging threads handed them over, so a burst of lines is not built (and its entries not kept,
   * bigger, in memory) while the application is still logging it, competing with it for the
   * processor; once started, everything waiting is built. Under constant load the queue is never empty and building never stops.
   */
  private boolean takeNow(long now) {
    if (taking) {
      return true;
    }
    if (isEmpty()) {
      waitingSinceNanos = -1;
      return false;
    }
    if (waitingSinceNanos < 0) {
      waitingSinceNanos = now;
    }
    long waiting = offered.get() - processedLocally;
    taking =
        closed
            || flushTarget.get() > handedOver.get()
            || batch.size() + waiting >= BUILD_AT_WAITING
            || waiting >= takeAtWaiting
            || now - oldestWaitingNanos() >= maxAgeNanos;
    if (taking) {
      waitedUpTo = processedLocally + waiting;
    } else {
      waitingGrew = waiting != leftWaiting;
      leftWaiting = waiting;
    }
    return taking;
  }

  /** When the oldest entry not yet sent came: the open batch's oldest, or the first one waiting. */
  private long oldestWaitingNanos() {
    return batch.isEmpty() ? waitingSinceNanos : Math.min(waitingSinceNanos, batchOldestNanos);
  }

  /** How many entries the logs thread last left waiting, unbuilt, for their batch to be due. */
  long leftWaiting() {
    return leftWaiting;
  }

  /**
   * The next entry, its slot left free for a later one; null when none was stored there yet (none
   * offered, or its producer claimed the slot and has not stored the entry yet: it will be taken on
   * a later turn, and the producer wakes this thread if it parks meanwhile). Logs thread only.
   */
  private LogEntry poll() {
    int slot = ((int) processedLocally & mask) * SLOT_SIZE;
    LogRecord record = (LogRecord) SLOT.getVolatile(slots, slot);
    if (record == null) {
      return null;
    }
    LogEntry entry =
        new LogEntry(
            record,
            (Object[]) slots[slot + 1],
            (LogScope) slots[slot + 2],
            (LogEntry.Source) slots[slot + 3]);
    slots[slot + 1] = null;
    slots[slot + 2] = null;
    slots[slot + 3] = null;
    // freed before processed says so (a release store, after the nulls above): an offer that
    // reads processed finds the slot free, and its own stores come after these
    SLOT.setRelease(slots, slot, null);
    return entry;
  }

  /** True when the next entry is not there (yet). Logs thread only. */
  private boolean isEmpty() {
    return SLOT.getVolatile(slots, ((int) processedLocally & mask) * SLOT_SIZE) == null;
  }

  /**
   * True when a batch now would only be dropped further on: the outbox's log lane is full, or
   * Sentry's rate limit for log entries is active. Never while a flush waits or at close: those
   * hand everything over, and the outbox counts what it cannot keep. A flush that timed out no
   * longer counts: under constant load its target is reached only when the queue runs empty.
   */
  private boolean holdsBack() {
    Hold now = Hold.NONE;
    boolean flushing = flushesWaiting.get() > 0 && flushTarget.get() > handedOver.get();
    if (!closed && !flushing) {
      if (rateLimited()) {
        now = Hold.RATE_LIMIT;
      } else if (laneFull.getAsBoolean()) {
        now = Hold.LOG_LANE;
      }
    }
    if (hold != now) {
      hold = now;
    }
    return now != Hold.NONE;
  }

  private boolean rateLimited() {
    io.sentry.transport.RateLimiter limiter = scopes.getRateLimiter();
    return limiter != null
        && (limiter.isActiveForCategory(DataCategory.LogItem)
            || limiter.isActiveForCategory(DataCategory.LogByte));
  }

  /** Records lost entries for the client report: their count and bytes, as the SDK does. */
  private void lost(DiscardReason reason, long entries, long bytes) {
    IClientReportRecorder recorder = scopes.getOptions().getClientReportRecorder();
    recorder.recordLostEvent(reason, DataCategory.LogItem, entries);
    recorder.recordLostEvent(reason, DataCategory.LogByte, bytes);
  }

  private long averageEntryBytes() {
    return builtEntries == 0 ? AVERAGE_ENTRY_BYTES_BEFORE_ANY : builtBytes / builtEntries;
  }

  /** Publishes progress (the queue's bound counts from it) and naps; the entries stay queued. */
  private void waitWhileHeld(long now) {
    processed.set(processedLocally);
    if (batch.isEmpty()) {
      handedOver.set(processedLocally);
    }
    if (now - lastDropCheckNanos >= DROP_CHECK_NANOS) {
      lastDropCheckNanos = now;
      reportDrops();
    }
    LockSupport.parkNanos(this, hold == Hold.RATE_LIMIT ? RATE_LIMIT_NAP_NANOS : NAP_NANOS);
  }

  private void take(LogEntry entry, long now) {
    SentryLogEvent log;
    try {
      if (builder == null) {
        builder = new LogEventBuilder(scopes.getOptions(), fallbackTrace());
      }
      log = processed(builder.build(entry), entry.scopes());
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
    builtEntries++;
    builtBytes += bytes;
    // an entry that was waiting, unbuilt, when the build began: it came when waiting began or later
    boolean waited = processedLocally < waitedUpTo;
    if (!batch.isEmpty() && batchBytes + bytes > MAX_BATCH_BYTES) {
      // the batch is full: it goes from the loop, which may hold it back first
      overflow = log;
      overflowBytes = bytes;
      overflowWaited = waited;
      return;
    }
    add(log, bytes, waited, now);
  }

  private void add(SentryLogEvent log, int bytes, boolean waited, long now) {
    if (batch.isEmpty()) {
      batchStartedNanos = now;
      batchOldestNanos = waited && waitingSinceNanos >= 0 ? Math.min(now, waitingSinceNanos) : now;
    }
    batch.add(log);
    batchBytes += bytes; // a full batch goes from the loop, which may hold it back first
  }

  /**
   * The SDK's log hooks, as its client runs them for a line of its own log API: the event
   * processors of the logging thread's scopes ({@code own}; the global scope's when they are not
   * known), those of the options, then beforeSendLog. An entry a hook drops is recorded for the
   * client report; one whose hook throws is dropped too (as newer SDKs do for the application's
   * hooks, with every SDK version here: a scrubbing hook that fails must not let the entry out),
   * counted and reported.
   */
  private SentryLogEvent processed(SentryLogEvent log, IScopes own) {
    log = processed(log, scopeProcessors(own));
    if (log == null) {
      return null;
    }
    SentryOptions options = scopes.getOptions();
    log = processed(log, options.getEventProcessors());
    if (log == null) {
      return null;
    }
    SentryOptions.Logs.BeforeSendLogCallback beforeSend = options.getLogs().getBeforeSend();
    if (beforeSend == null) {
      return log;
    }
    SentryLogEvent kept;
    try {
      kept = beforeSend.execute(log);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      return hookFailed(log, "beforeSendLog", DiscardReason.BEFORE_SEND, e);
    }
    if (kept == null) {
      lost(DiscardReason.BEFORE_SEND, 1, LogEventBuilder.estimatedBytes(log));
    }
    return kept;
  }

  private SentryLogEvent processed(SentryLogEvent log, List<EventProcessor> processors) {
    for (EventProcessor processor : processors) {
      SentryLogEvent before = log;
      try {
        log = processor.process(log);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        return hookFailed(before, "an event processor", DiscardReason.EVENT_PROCESSOR, e);
      }
      if (log == null) {
        lost(DiscardReason.EVENT_PROCESSOR, 1, LogEventBuilder.estimatedBytes(before));
        return null;
      }
    }
    return log;
  }

  /**
   * The event processors of {@code own} as the SDK's combined scope view orders them (global,
   * isolation and current scope, by their order), read now; the global scope's alone when {@code
   * own} is null (not read, or neither its current nor its isolation scope had processors when the
   * line was logged). Most scopes have none, and then no list is made.
   */
  private List<EventProcessor> scopeProcessors(IScopes own) {
    if (own == null) {
      IScope global = scopes.getGlobalScope();
      return global.getEventProcessorsWithOrder().isEmpty()
          ? List.of()
          : global.getEventProcessors();
    }
    IScope global = own.getGlobalScope();
    IScope isolation = own.getIsolationScope();
    IScope current = own.getScope();
    if (global.getEventProcessorsWithOrder().isEmpty()
        && isolation.getEventProcessorsWithOrder().isEmpty()
        && current.getEventProcessorsWithOrder().isEmpty()) {
      return List.of();
    }
    return new CombinedScopeView(global, isolation, current).getEventProcessors();
  }

  private SentryLogEvent hookFailed(
      SentryLogEvent log, String hook, DiscardReason withoutCallbackError, Throwable e) {
    lost(
        CALLBACK_ERROR != null ? CALLBACK_ERROR : withoutCallbackError,
        1,
        LogEventBuilder.estimatedBytes(log));
    drops.addLogEntries(1, hook + " threw (last: " + MessageTemplates.text(e) + ")");
    return null;
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

  /** Why the logs thread holds entries back, and the reason a refusal at {@link #offer} gets. */
  private enum Hold {
    NONE(QUEUE_FULL, DiscardReason.QUEUE_OVERFLOW),
    LOG_LANE(LANE_FULL, DiscardReason.CACHE_OVERFLOW),
    RATE_LIMIT(RATE_LIMITED, DiscardReason.RATELIMIT_BACKOFF);

    final String text;
    /** The client report of these entries: the one the outbox would have recorded, or the SDK's. */
    final DiscardReason clientReport;

    Hold(String text, DiscardReason clientReport) {
      this.text = text;
      this.clientReport = clientReport;
    }
  }

  private static DiscardReason discardReason(String name) {
    for (DiscardReason reason : DiscardReason.values()) {
      if (reason.name().equals(name)) {
        return reason;
      }
    }
    return null;
  }

  /** The trace id of threads that never started a trace: the root scopes' propagation one. */
  private io.sentry.protocol.SentryId fallbackTrace() {
    return scopes.getIsolationScope().getPropagationContext().getTraceId();
  }
}
