package org.sentrybridge.outbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.sentrybridge.StatusReporter;
import org.sentrybridge.delivery.Counts;

/**
 * The default buffer directories of this user's other DSNs (one per DSN under the private root):
 * those that hold undelivered envelopes are reported, since only an application with that DSN
 * will send them; empty ones and the empty directories of ended processes are removed. A
 * directory another process holds is left alone.
 */
final class OtherDsnBuffers {

  private OtherDsnBuffers() {}

  static void tidy(Path root, Path ownDsnDir, StatusReporter reporter) {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path dir : dirs) {
        if (!dir.equals(ownDsnDir)
            && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
            && PrivateFiles.isMine(dir)) {
          tidyOne(dir, reporter);
        }
      }
    } catch (IOException e) {
      // nothing to report about
    }
  }

  private static void tidyOne(Path dir, StatusReporter reporter) throws IOException {
    BufferDirectory held = BufferDirectory.tryClaim(dir, true);
    if (held == null) {
      return; // a running application uses it
    }
    long files;
    try {
      files = bufferFiles(dir);
      try (DirectoryStream<Path> processes =
          Files.newDirectoryStream(dir, BufferDirectory.PROCESS_PREFIX + "*")) {
        for (Path process : processes) {
          if (Files.isDirectory(process, LinkOption.NOFOLLOW_LINKS)) {
            BufferDirectory ended = BufferDirectory.tryClaim(process, false);
            if (ended != null) {
              files += bufferFiles(process);
              ended.release(); // removes it when empty
            }
          }
        }
      }
    } finally {
      held.release();
    }
    if (files == 0) {
      BufferDirectory.removeIfEmpty(dir);
    } else {
      reporter.info(
          dir + " holds " + Counts.of(files, "undelivered envelope file", "undelivered envelope files")
              + " of another DSN; an application"
              + " with that DSN sends them when it starts (delete the directory if that DSN is no"
              + " longer used)");
    }
  }

  private static long bufferFiles(Path dir) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      long count = 0;
      for (Path file : files) {
        if (EnvelopeFiles.isBufferFile(file)) {
          count++;
        }
      }
      return count;
    }
  }
}
