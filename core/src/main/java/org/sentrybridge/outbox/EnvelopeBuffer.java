package org.sentrybridge.outbox;

import io.sentry.DataCategory;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEnvelopeItem;
import io.sentry.SentryItemType;
import io.sentry.clientreport.DiscardReason;
import io.sentry.clientreport.IClientReportRecorder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.sentrybridge.delivery.DropCounter;

/**
 * Envelopes accepted from the SDK and not yet answered by Sentry, oldest first. The first {@code
 * maxInMemory} are kept in memory, later ones spill to {@link EnvelopeFiles} up to {@code
 * maxBytes}. When both bounds are reached the oldest repeat summaries go first, then the oldest
 * envelopes; every drop is counted and recorded for the SDK's client report ({@code
 * cache_overflow}). An envelope handed out for sending stays here (marked in flight) until Sentry
 * answered, so neither a network failure nor a stop can lose it.
 */
final class EnvelopeBuffer {

  /** One buffered envelope: in memory ({@code file == null}) or on disk. */
  static final class Entry {
    final long sequence;
    final boolean repeatSummary;
    /** Sentry log entries only: kept in memory, sent after every error, dropped first. */
    final boolean logs;
    /** The envelope when in memory, or while a file-backed entry is being sent. */
    SentryEnvelope envelope;
    Path file;
    long bytes;
    boolean inFlight;
    /** Written (or about to be) into the batch file of a close: its file is shared. */
    boolean inBatch;

    Entry(long sequence, boolean repeatSummary) {
      this(sequence, repeatSummary, false);
    }

    Entry(long sequence, boolean repeatSummary, boolean logs) {
      this.sequence = sequence;
      this.repeatSummary = repeatSummary;
      this.logs = logs;
    }
  }

  static final String BUFFER_FULL = "buffer full";
  static final String LOGS_FULL = "too many log envelopes waiting for Sentry";
  static final String LOGS_AT_STOP =
      "not delivered when sentry-bridge stopped (logs are not kept on disk)";
  /**
   * Log envelopes kept at most (of up to 100 entries and 240,000 bytes of JSON each: some 7.7 MB
   * of JSON in all); the oldest goes first. While Sentry is slow they bound what is delivered per
   * answer time, as many as {@code maxRequestsInFlight} allows by default.
   */
  static final int DEFAULT_MAX_LOG_ENVELOPES = 32;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final TreeMap<Long, Entry> entries = new TreeMap<>();
  private final TreeMap<Long, Entry> summaries = new TreeMap<>();
  /** Log envelopes, apart from {@link #entries}: errors never wait behind them nor make room. */
  private final TreeMap<Long, Entry> logEntries = new TreeMap<>();
  private final int maxLogEnvelopes;
  /** The size of {@link #logEntries}, readable without the lock. */
  private volatile int logEnvelopes;
  private final EnvelopeFiles files;
  private final int maxInMemory;
  private final long maxBytes;
  private final DropCounter drops;
  private final IClientReportRecorder clientReports;
  private long nextSequence;
  private long version;
  private int inMemory;
  private long diskBytes;
  private boolean diskOnly;

  EnvelopeBuffer(
      EnvelopeFiles files,
      int maxInMemory,
      long maxBytes,
      DropCounter drops,
      IClientReportRecorder clientReports) {
    this(files, maxInMemory, maxBytes, drops, clientReports, DEFAULT_MAX_LOG_ENVELOPES);
  }

  EnvelopeBuffer(
      EnvelopeFiles files,
      int maxInMemory,
      long maxBytes,
      DropCounter drops,
      IClientReportRecorder clientReports,
      int maxLogEnvelopes) {
    this.maxLogEnvelopes = Math.max(1, maxLogEnvelopes);
    this.files = files;
    this.maxInMemory = maxInMemory;
    this.maxBytes = maxBytes;
    this.drops = drops;
    this.clientReports = clientReports;
  }

  Path dir() {
    return files.dir();
  }

  /**
   * Takes in an envelope file of an earlier run under its own sequence.
   *
   * @return its entry, or null when that sequence is already here
   */
  Entry adoptFile(long sequence, boolean repeatSummary, Path file, long bytes) {
    lock.lock();
    try {
      if (entries.containsKey(sequence)) {
        return null;
      }
      Entry entry = new Entry(sequence, repeatSummary);
      entry.file = file;
      entry.bytes = bytes;
      insert(entry);
      diskBytes += bytes;
      nextSequence = Math.max(nextSequence, sequence + 1);
      changed();
      return entry;
    } finally {
      lock.unlock();
    }
  }

  /** Takes in an envelope of another process as the newest one, written to a file of ours. */
  void adoptBytes(boolean repeatSummary, byte[] bytes) throws IOException {
    lock.lock();
    try {
      Entry entry = new Entry(nextSequence, repeatSummary);
      entry.file = files.write(entry.sequence, repeatSummary, bytes);
      nextSequence++;
      entry.bytes = bytes.length;
      diskBytes += bytes.length;
      insert(entry);
      changed();
    } finally {
      lock.unlock();
    }
  }

  /** New envelopes get sequences from {@code sequence} on (after those of a batch on disk). */
  void reserveSequencesBelow(long sequence) {
    lock.lock();
    try {
      nextSequence = Math.max(nextSequence, sequence);
    } finally {
      lock.unlock();
    }
  }

  /** Removes an entry that turned out unreadable; false when it was gone already. */
  boolean discard(Entry entry) {
    return removeIfPresent(entry);
  }

  /** Keeps an envelope; never waits for the network. */
  void add(SentryEnvelope envelope, boolean repeatSummary) {
    lock.lock();
    try {
      Entry entry = new Entry(nextSequence++, repeatSummary);
      if (!diskOnly && inMemory < maxInMemory) {
        keepInMemory(entry, envelope);
      } else {
        spill(entry, envelope);
      }
      changed();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Keeps an envelope of Sentry log entries, in memory only. At {@code maxLogEnvelopes} the
   * oldest one not being sent is dropped (counted per entry, client report {@code
   * cache_overflow}); errors are never dropped for logs.
   */
  void addLogs(SentryEnvelope envelope) {
    SentryEnvelope dropped;
    lock.lock();
    try {
      dropped = null;
      if (logEntries.size() >= maxLogEnvelopes) {
        Entry victim = null;
        for (Entry entry : logEntries.values()) {
          if (!entry.inFlight) {
            victim = entry;
            break;
          }
        }
        if (victim == null) {
          dropped = envelope; // all being sent: the new one cannot wait
        } else {
          dropped = victim.envelope;
          remove(victim);
        }
      }
      if (dropped != envelope) {
        Entry entry = new Entry(nextSequence++, false, true);
        entry.envelope = envelope;
        logEntries.put(entry.sequence, entry);
        logEnvelopes = logEntries.size();
        changed();
      }
    } finally {
      lock.unlock();
    }
    if (dropped != null) {
      dropLogs(dropped, LOGS_FULL);
    }
  }

  /**
   * True while the log lane holds {@code maxLogEnvelopes}: another log envelope would cost one.
   * Lock-free, for the logs thread to hold entries back instead of building them to be dropped.
   */
  boolean logLaneFull() {
    return logEnvelopes >= maxLogEnvelopes;
  }

  /**
   * Counts a dropped log envelope. Outside the lock: the SDK's client report counts {@code
   * log_byte} from the item's JSON, which it serializes first if the envelope was never sent (the
   * logs thread holds entries back while the lane is full, so outside a stop this is rare).
   */
  private void dropLogs(SentryEnvelope envelope, String reason) {
    drops.addLogEntries(logEntryCount(envelope), reason);
    clientReports.recordLostEnvelope(DiscardReason.CACHE_OVERFLOW, envelope);
  }

  /** The Sentry log entries an envelope carries. */
  static long logEntryCount(SentryEnvelope envelope) {
    long count = 0;
    for (SentryEnvelopeItem item : envelope.getItems()) {
      if (item.getHeader().getType() == SentryItemType.Log) {
        Integer items = item.getHeader().getItemCount();
        count += items == null ? 1 : items;
      }
    }
    return count;
  }

  /** True for an envelope of Sentry log entries only (client reports aside). */
  static boolean isLogs(SentryEnvelope envelope) {
    boolean logs = false;
    for (SentryEnvelopeItem item : envelope.getItems()) {
      SentryItemType type = item.getHeader().getType();
      if (type == SentryItemType.Log) {
        logs = true;
      } else if (type != SentryItemType.ClientReport) {
        return false;
      }
    }
    return logs;
  }

  private void keepInMemory(Entry entry, SentryEnvelope envelope) {
    entry.envelope = envelope;
    inMemory++;
    insert(entry);
  }

  /** Writes the entry to disk, making room by the drop rules; false when it was dropped. */
  private boolean spill(Entry entry, SentryEnvelope envelope) {
    byte[] bytes;
    try {
      bytes = files.serialize(envelope);
    } catch (IOException | RuntimeException e) {
      drops.add(1, "envelope could not be serialized (" + e + ")");
      return false;
    }
    boolean fitsOnDisk = bytes.length <= maxBytes;
    while (diskBytes + bytes.length > maxBytes) {
      if (!diskOnly && inMemory < maxInMemory) {
        keepInMemory(entry, envelope);
        return true;
      }
      Entry victim = victim();
      // for an envelope that can never go to disk, only a place in memory helps
      if (victim == null || victim == entry || (!fitsOnDisk && victim.file != null)) {
        lostForRoom(envelope);
        return false;
      }
      dropForRoom(victim);
    }
    try {
      entry.file = files.write(entry.sequence, entry.repeatSummary, bytes);
    } catch (IOException | RuntimeException e) {
      drops.add(1, "cannot write to the buffer directory " + files.dir() + " (" + e + ")");
      return false;
    }
    entry.bytes = bytes.length;
    diskBytes += bytes.length;
    if (entries.get(entry.sequence) != entry) {
      insert(entry);
    }
    return true;
  }

  /** The oldest repeat summary not in flight, else the oldest envelope not in flight. */
  private Entry victim() {
    for (Entry entry : summaries.values()) {
      if (!entry.inFlight) {
        return entry;
      }
    }
    for (Entry entry : entries.values()) {
      if (!entry.inFlight) {
        return entry;
      }
    }
    return null;
  }

  /** The oldest envelope not in flight, now marked in flight; null when there is none. */
  Entry take() {
    lock.lock();
    try {
      for (Entry entry : entries.values()) {
        if (!entry.inFlight) {
          entry.inFlight = true;
          return entry;
        }
      }
      // log entries only when no error waits: errors never wait behind logs
      for (Entry entry : logEntries.values()) {
        if (!entry.inFlight) {
          entry.inFlight = true;
          return entry;
        }
      }
      return null;
    } finally {
      lock.unlock();
    }
  }

  /** The envelope of a taken entry, read from disk if needed; null (and dropped) if unreadable. */
  SentryEnvelope envelopeOf(Entry entry) {
    Path file;
    lock.lock();
    try {
      if (entry.envelope != null) {
        return entry.envelope;
      }
      file = entry.file;
    } finally {
      lock.unlock();
    }
    SentryEnvelope envelope = file == null ? null : files.read(file);
    lock.lock();
    try {
      if (envelope == null) {
        if (removeIfPresent(entry)) {
          drops.add(1, "unreadable file in the buffer directory " + files.dir());
        }
        return null;
      }
      entry.envelope = envelope;
      return envelope;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Records the end of an attempt: a finished entry (delivered, or answered with an error that is
   * final) leaves the buffer; one that met a network failure stays for the next attempt.
   */
  void complete(Entry entry, boolean finished) {
    lock.lock();
    try {
      entry.inFlight = false;
      if (!isPresent(entry)) {
        return;
      }
      if (finished) {
        remove(entry);
      } else if (entry.file != null) {
        entry.envelope = null; // read again on the next attempt: keeps memory bounded
      }
      changed();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes every envelope still in memory to disk (within {@code maxBytes}, by the drop rules):
   * those in flight each to its own file, so that a confirmation arriving later deletes it, the
   * others together into one batch file. Later additions go straight to disk.
   *
   * @return how many envelopes the buffer holds now
   */
  int persist() {
    List<SentryEnvelope> droppedLogs = new ArrayList<>();
    lock.lock();
    try {
      diskOnly = true;
      for (Entry entry : new ArrayList<>(logEntries.values())) {
        if (!entry.inFlight) {
          droppedLogs.add(entry.envelope);
          remove(entry);
        }
      }
      List<Entry> inFlightInMemory = new ArrayList<>();
      List<Entry> batch = new ArrayList<>();
      for (Entry entry : entries.values()) {
        if (entry.file == null) {
          (entry.inFlight ? inFlightInMemory : batch).add(entry);
        }
      }
      persistBatch(batch);
      for (Entry entry : inFlightInMemory) {
        if (entries.get(entry.sequence) == entry) {
          SentryEnvelope envelope = entry.envelope;
          inMemory--;
          entry.envelope = null;
          if (!spill(entry, envelope)) {
            entries.remove(entry.sequence);
            summaries.remove(entry.sequence);
          }
        }
      }
      changed();
      return entries.size();
    } finally {
      lock.unlock();
      dropLogs(droppedLogs, LOGS_AT_STOP);
    }
  }

  /** Log envelopes that were being sent at close and got no answer: counted as not delivered. */
  void dropUnansweredLogs() {
    List<SentryEnvelope> droppedLogs = new ArrayList<>();
    lock.lock();
    try {
      for (Entry entry : new ArrayList<>(logEntries.values())) {
        droppedLogs.add(entry.envelope);
        remove(entry);
      }
      changed();
    } finally {
      lock.unlock();
    }
    dropLogs(droppedLogs, LOGS_AT_STOP);
  }

  private void dropLogs(List<SentryEnvelope> envelopes, String reason) {
    for (SentryEnvelope envelope : envelopes) {
      dropLogs(envelope, reason);
    }
  }

  private void persistBatch(List<Entry> batch) {
    List<byte[]> serialized = new ArrayList<>(batch.size());
    for (Entry entry : batch) {
      byte[] bytes;
      try {
        bytes = files.serialize(entry.envelope);
      } catch (IOException | RuntimeException e) {
        remove(entry);
        drops.add(1, "envelope could not be serialized (" + e + ")");
        serialized.add(null);
        continue;
      }
      serialized.add(bytes);
      // counted as on disk from here, so that the drop rules apply to the batch as well
      inMemory--;
      entry.inBatch = true;
      entry.bytes = bytes.length;
      diskBytes += bytes.length;
    }
    while (diskBytes > maxBytes) {
      Entry victim = victim();
      if (victim == null) {
        break;
      }
      dropForRoom(victim);
    }
    List<EnvelopeFiles.BatchRecord> records = new ArrayList<>();
    List<Entry> written = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Entry entry = batch.get(i);
      if (serialized.get(i) != null && entries.get(entry.sequence) == entry) {
        records.add(
            new EnvelopeFiles.BatchRecord(entry.sequence, entry.repeatSummary, serialized.get(i)));
        written.add(entry);
      }
    }
    if (records.isEmpty()) {
      return;
    }
    try {
      Path file = files.writeBatch(records);
      for (Entry entry : written) {
        entry.file = file;
        entry.envelope = null;
      }
    } catch (IOException | RuntimeException e) {
      for (Entry entry : written) {
        remove(entry);
      }
      drops.add(
          written.size(), "cannot write to the buffer directory " + files.dir() + " (" + e + ")");
    }
  }

  int size() {
    lock.lock();
    try {
      return entries.size() + logEntries.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until the buffer is empty; false when {@code deadlineNanos} came first or, at a change
   * of the buffer, {@code pointless} says that waiting longer is of no use. {@code pointless} runs
   * on the waiting thread under this buffer's lock: it must not wait for a thread that takes it.
   */
  boolean awaitEmpty(long deadlineNanos, BooleanSupplier pointless) {
    lock.lock();
    try {
      while (!entries.isEmpty() || !logEntries.isEmpty()) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0 || pointless.getAsBoolean()) {
          return false;
        }
        changed.awaitNanos(left);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return entries.isEmpty() && logEntries.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  /** Entries handed out for sending and not answered yet. */
  int inFlight() {
    lock.lock();
    try {
      return (int) entries.values().stream().filter(e -> e.inFlight).count()
          + (int) logEntries.values().stream().filter(e -> e.inFlight).count();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until no entry is in flight; false when {@code deadlineNanos} came first. */
  boolean awaitNothingInFlight(long deadlineNanos) {
    lock.lock();
    try {
      while (entries.values().stream().anyMatch(e -> e.inFlight)
          || logEntries.values().stream().anyMatch(e -> e.inFlight)) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.awaitNanos(left);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** A counter that changes with every change of the buffer, for {@link #awaitChange}. */
  long version() {
    lock.lock();
    try {
      return version;
    } finally {
      lock.unlock();
    }
  }

  /** Waits up to {@code nanos} for a change after {@code seenVersion}. */
  void awaitChange(long seenVersion, long nanos) {
    lock.lock();
    try {
      long left = nanos;
      while (version == seenVersion && left > 0) {
        left = changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  /** Wakes whoever waits for a change (used to stop the sender). */
  void wakeUp() {
    lock.lock();
    try {
      changed();
    } finally {
      lock.unlock();
    }
  }

  private void dropForRoom(Entry victim) {
    SentryEnvelope envelope = victim.envelope;
    remove(victim);
    lostForRoom(envelope);
  }

  /** Counts a drop for lack of room; an envelope only on disk is counted as one error. */
  private void lostForRoom(SentryEnvelope envelope) {
    drops.add(1, BUFFER_FULL);
    if (envelope != null) {
      clientReports.recordLostEnvelope(DiscardReason.CACHE_OVERFLOW, envelope);
    } else {
      clientReports.recordLostEvent(DiscardReason.CACHE_OVERFLOW, DataCategory.Error);
    }
  }

  private void changed() {
    version++;
    changed.signalAll();
  }

  private void insert(Entry entry) {
    entries.put(entry.sequence, entry);
    if (entry.repeatSummary) {
      summaries.put(entry.sequence, entry);
    }
  }

  private boolean isPresent(Entry entry) {
    return (entry.logs ? logEntries : entries).get(entry.sequence) == entry;
  }

  private boolean removeIfPresent(Entry entry) {
    lock.lock();
    try {
      if (!isPresent(entry)) {
        return false;
      }
      remove(entry);
      changed();
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void remove(Entry entry) {
    if (entry.logs) {
      logEntries.remove(entry.sequence);
      logEnvelopes = logEntries.size();
      entry.envelope = null;
      return;
    }
    entries.remove(entry.sequence);
    summaries.remove(entry.sequence);
    if (entry.inBatch) {
      diskBytes -= entry.bytes; // the batch file is shared: it stays
    } else if (entry.file != null) {
      files.delete(entry.file);
      diskBytes -= entry.bytes;
    } else {
      inMemory--;
    }
    entry.envelope = null;
  }
}
