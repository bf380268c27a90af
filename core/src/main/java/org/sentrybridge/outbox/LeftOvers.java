package org.sentrybridge.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What earlier runs left in the buffer directory, and in the directories of ended processes that
 * had found it taken. {@link #register} only reads file names (cheap, at start, before anything
 * new is buffered); {@link #check} reads the contents on the sender thread before the first send,
 * splitting batches, dropping unreadable files and moving other processes' envelopes in. Files
 * of another OS user are left where they are, unread, and counted ({@link #foreign()}).
 */
final class LeftOvers {

  private final EnvelopeBuffer buffer;
  private final EnvelopeFiles files;
  private final List<EnvelopeBuffer.Entry> registered = new ArrayList<>();
  private final List<Path> batches = new ArrayList<>();
  private final List<BufferDirectory> orphans;
  private int foreign;

  private LeftOvers(EnvelopeBuffer buffer, EnvelopeFiles files, List<BufferDirectory> orphans) {
    this.buffer = buffer;
    this.files = files;
    this.orphans = new ArrayList<>(orphans);
  }

  /** Puts the envelope files found into the buffer by name; keeps the rest for {@link #check}. */
  static LeftOvers register(
      EnvelopeBuffer buffer, EnvelopeFiles files, List<BufferDirectory> orphans) {
    LeftOvers leftOvers = new LeftOvers(buffer, files, orphans);
    EnvelopeFiles.Listing listing = files.list();
    leftOvers.foreign = listing.foreign;
    for (EnvelopeFiles.Found found : listing.files) {
      if (found.batch()) {
        leftOvers.batches.add(found.file());
        buffer.reserveSequencesBelow(found.sequence() + 1);
      } else {
        EnvelopeBuffer.Entry entry =
            buffer.adoptFile(found.sequence(), found.repeatSummary(), found.file(), found.bytes());
        if (entry != null) {
          leftOvers.registered.add(entry);
        }
      }
    }
    return leftOvers;
  }

  /**
   * Reads everything left over, keeping what is readable.
   *
   * @return how many envelopes were unreadable (truncated or corrupt) and deleted
   */
  int check() {
    int unreadable = 0;
    for (Path batch : batches) {
      EnvelopeFiles.Split split = files.split(batch);
      unreadable += split.unreadable;
      for (EnvelopeFiles.Found found : split.files) {
        buffer.adoptFile(found.sequence(), found.repeatSummary(), found.file(), found.bytes());
      }
    }
    batches.clear();
    for (EnvelopeBuffer.Entry entry : registered) {
      if (files.read(entry.file) == null && buffer.discard(entry)) {
        unreadable++;
      }
    }
    registered.clear();
    for (BufferDirectory orphan : orphans) {
      unreadable += takeOver(files.in(orphan.path()));
      orphan.release();
    }
    orphans.clear();
    return unreadable;
  }

  /** Files in the buffer directories that belong to another OS user: never read nor sent. */
  int foreign() {
    return foreign;
  }

  private int takeOver(EnvelopeFiles orphan) {
    int unreadable = 0;
    EnvelopeFiles.Listing listing = orphan.list();
    foreign += listing.foreign;
    for (EnvelopeFiles.Found found : listing.files) {
      if (found.batch()) {
        EnvelopeFiles.Split split = orphan.split(found.file());
        unreadable += split.unreadable;
        for (EnvelopeFiles.Found part : split.files) {
          unreadable += moveIn(orphan, part);
        }
      } else {
        unreadable += moveIn(orphan, found);
      }
    }
    return unreadable;
  }

  /** Moves one envelope file of an ended process in, after ours; returns 1 when unreadable. */
  private int moveIn(EnvelopeFiles orphan, EnvelopeFiles.Found found) {
    byte[] bytes;
    try {
      bytes = files.read(found.file()) == null ? null : Files.readAllBytes(found.file());
    } catch (IOException e) {
      bytes = null;
    }
    if (bytes == null) {
      orphan.delete(found.file());
      return 1;
    }
    try {
      buffer.adoptBytes(found.repeatSummary(), bytes);
    } catch (IOException e) {
      return 0; // left where it is, for a later start
    }
    orphan.delete(found.file());
    return 0;
  }
}
