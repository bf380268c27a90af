package org.sentrybridge.delivery;

import io.sentry.ISerializer;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEnvelopeItem;
import io.sentry.SentryItemType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The disk side of the envelope buffer: one file per envelope in the buffer directory, in the SDK's
 * own envelope format. File names carry the order ({@code <sequence>.envelope}) and whether the
 * envelope is a repeat summary ({@code <sequence>.repeats.envelope}), so the order and the drop
 * preference survive a restart without reading the files.
 */
final class EnvelopeFiles {

  private static final String SUFFIX = ".envelope";
  private static final String REPEATS_SUFFIX = ".repeats" + SUFFIX;

  /** A file found in the directory at start. */
  static final class Found {
    final long sequence;
    final boolean repeatSummary;
    final Path file;
    final long bytes;

    Found(long sequence, boolean repeatSummary, Path file, long bytes) {
      this.sequence = sequence;
      this.repeatSummary = repeatSummary;
      this.file = file;
      this.bytes = bytes;
    }
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

  /** Writes the file completely under a temporary name first, so a crash leaves no half file. */
  Path write(long sequence, boolean repeatSummary, byte[] bytes) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(name(sequence, repeatSummary));
    Path temp = dir.resolve(name(sequence, repeatSummary) + ".tmp");
    try (OutputStream out = Files.newOutputStream(temp)) {
      out.write(bytes);
    }
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  /**
   * Reads an envelope and checks that every event in it parses.
   *
   * @return null when the file is missing, truncated or corrupt
   */
  SentryEnvelope read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
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
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private boolean parses(SentryEnvelopeItem item) {
    try (Reader reader =
        new StringReader(new String(item.getData(), StandardCharsets.UTF_8))) {
      return serializer.deserialize(reader, io.sentry.SentryEvent.class) != null;
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

  /** The envelope files left in the directory, oldest first; leftover temporary files removed. */
  List<Found> list() {
    List<Found> found = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return found;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.endsWith(".tmp")) {
          delete(file);
          continue;
        }
        if (!name.endsWith(SUFFIX)) {
          continue;
        }
        boolean repeats = name.endsWith(REPEATS_SUFFIX);
        String number = name.substring(0, name.length() - (repeats ? REPEATS_SUFFIX : SUFFIX).length());
        try {
          found.add(new Found(Long.parseLong(number), repeats, file, Files.size(file)));
        } catch (NumberFormatException | IOException e) {
          // not one of ours: leave it alone
        }
      }
    } catch (IOException e) {
      return found;
    }
    found.sort((a, b) -> Long.compare(a.sequence, b.sequence));
    return found;
  }

  private static String name(long sequence, boolean repeatSummary) {
    return String.format("%019d", sequence) + (repeatSummary ? REPEATS_SUFFIX : SUFFIX);
  }
}
