package org.sentrybridge.outbox;

import io.sentry.ISerializer;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEnvelopeItem;
import io.sentry.SentryEvent;
import io.sentry.SentryItemType;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The disk side of the envelope buffer: one file per envelope in the buffer directory, in the SDK's
 * own envelope format. File names carry the order ({@code <sequence>.envelope}) and whether the
 * envelope is a repeat summary ({@code <sequence>.repeats.envelope}), so the order and the drop
 * preference survive a restart without reading the files.
 *
 * <p>Files are written readable by their owner only (0600 where the file system has POSIX
 * permissions). Files of another OS user, and anything that is not a regular file, are never read:
 * {@link #list()} counts them aside.
 *
 * <p>At close, what is still in memory goes into one batch file ({@code <last sequence>.batch}),
 * because creating thousands of files would make the stop slow; the next start splits it into
 * envelope files again before sending anything. Splitting is repeatable: the envelope files get
 * the sequence stored in the batch, so a split cut short by a crash is simply done again.
 */
final class EnvelopeFiles {

  private static final String SUFFIX = ".envelope";
  private static final String REPEATS_SUFFIX = ".repeats" + SUFFIX;
  private static final String BATCH_SUFFIX = ".batch";

  /** A file found in the directory: an envelope file or a batch. */
  record Found(long sequence, boolean repeatSummary, Path file, long bytes, boolean batch) {}

  /** One envelope going into a batch. */
  record BatchRecord(long sequence, boolean repeatSummary, byte[] bytes) {}

  /** The files found in the directory, and how many were left alone as another user's. */
  static final class Listing {
    final List<Found> files = new ArrayList<>();
    int foreign;
  }

  /** What splitting a batch gave. */
  static final class Split {
    final List<Found> files = new ArrayList<>();
    int unreadable;
  }

  private final Path dir;
  private final ISerializer serializer;

  EnvelopeFiles(Path dir, ISerializer serializer) {
    this.dir = dir;
    this.serializer = serializer;
  }

  Path dir() {
    return dir;
  }

  /** The files of another directory, in the same format. */
  EnvelopeFiles in(Path other) {
    return new EnvelopeFiles(other, serializer);
  }

  byte[] serialize(SentryEnvelope envelope) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    try {
      serializer.serialize(envelope, out);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot serialize envelope", e);
    }
    return out.toByteArray();
  }

  /** Writes one envelope file; one cut short by a crash is found unreadable at the next start. */
  Path write(long sequence, boolean repeatSummary, byte[] bytes) throws IOException {
    PrivateFiles.createDirectories(dir);
    Path target = dir.resolve(name(sequence, repeatSummary));
    try (OutputStream out = PrivateFiles.newFile(target)) {
      out.write(bytes);
    }
    return target;
  }

  /** Writes envelopes into one batch file named after the last sequence. */
  Path writeBatch(List<BatchRecord> records) throws IOException {
    PrivateFiles.createDirectories(dir);
    long last = records.get(records.size() - 1).sequence;
    Path target = dir.resolve(String.format("%019d", last) + BATCH_SUFFIX);
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(PrivateFiles.newFile(target), 1 << 16))) {
      for (BatchRecord record : records) {
        out.writeLong(record.sequence());
        out.writeBoolean(record.repeatSummary());
        out.writeInt(record.bytes().length);
        out.write(record.bytes());
      }
    }
    return target;
  }

  /** Splits a batch into envelope files (the readable ones) and deletes it. */
  Split split(Path batch) {
    Split split = new Split();
    try (DataInputStream in =
        new DataInputStream(
            new BufferedInputStream(
                Files.newInputStream(batch, LinkOption.NOFOLLOW_LINKS), 1 << 16))) {
      while (true) {
        long sequence;
        try {
          sequence = in.readLong();
        } catch (EOFException end) {
          break;
        }
        boolean repeats = in.readBoolean();
        int length = in.readInt();
        if (length <= 0 || length > (64 << 20)) {
          throw new IOException("bad record length " + length);
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
          throw new EOFException("truncated record");
        }
        if (parse(new ByteArrayInputStream(bytes)) == null) {
          split.unreadable++;
          continue;
        }
        Path file;
        try {
          file = write(sequence, repeats, bytes);
        } catch (IOException e) {
          return split; // keep the batch: the next start splits it again
        }
        split.files.add(new Found(sequence, repeats, file, bytes.length, false));
      }
    } catch (IOException | RuntimeException e) {
      split.unreadable++; // the rest of the batch cannot be read
    }
    delete(batch);
    return split;
  }

  /**
   * Reads an envelope and checks that every event in it parses.
   *
   * @return null when the file is missing, truncated or corrupt
   */
  SentryEnvelope read(Path file) {
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return parse(in);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private SentryEnvelope parse(InputStream in) {
    try {
      SentryEnvelope envelope = serializer.deserializeEnvelope(in);
      if (envelope == null || !envelope.getItems().iterator().hasNext()) {
        return null;
      }
      for (SentryEnvelopeItem item : envelope.getItems()) {
        if (item.getHeader().getType() == SentryItemType.Event && !parses(item)) {
          return null;
        }
      }
      return envelope;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private boolean parses(SentryEnvelopeItem item) {
    try (Reader reader = new StringReader(new String(item.getData(), StandardCharsets.UTF_8))) {
      return serializer.deserialize(reader, SentryEvent.class) != null;
    } catch (Exception e) {
      return false;
    }
  }

  void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a file we cannot delete is found again at the next start; nothing better to do here
    }
  }

  /**
   * The envelope and batch files in the directory, oldest first: only regular files of the user
   * this process runs as. Others with a buffer file's name are counted in {@link Listing#foreign}
   * and never read, sent or deleted.
   */
  Listing list() {
    Listing listing = new Listing();
    if (!Files.isDirectory(dir)) {
      return listing;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        boolean batch = name.endsWith(BATCH_SUFFIX);
        if (!batch && !name.endsWith(SUFFIX)) {
          continue;
        }
        boolean repeats = name.endsWith(REPEATS_SUFFIX);
        String suffix = batch ? BATCH_SUFFIX : repeats ? REPEATS_SUFFIX : SUFFIX;
        long sequence;
        try {
          sequence = Long.parseLong(name.substring(0, name.length() - suffix.length()));
        } catch (NumberFormatException e) {
          continue; // not one of ours: leave it alone
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !PrivateFiles.isMine(file)) {
          listing.foreign++;
          continue;
        }
        try {
          listing.files.add(new Found(sequence, repeats, file, Files.size(file), batch));
        } catch (IOException e) {
          // gone meanwhile
        }
      }
    } catch (IOException e) {
      return listing;
    }
    listing.files.sort((a, b) -> Long.compare(a.sequence, b.sequence));
    return listing;
  }

  /** True for the name of an envelope or batch file. */
  static boolean isBufferFile(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(SUFFIX) || name.endsWith(BATCH_SUFFIX);
  }

  private static String name(long sequence, boolean repeatSummary) {
    return String.format("%019d", sequence) + (repeatSummary ? REPEATS_SUFFIX : SUFFIX);
  }
}
