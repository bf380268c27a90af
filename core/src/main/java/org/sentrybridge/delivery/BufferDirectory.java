package org.sentrybridge.delivery;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.sentrybridge.StatusReporter;

/**
 * A buffer directory held by one process at a time (a lock file), so that two applications with
 * the same DSN on one host neither send each other's envelopes twice nor overwrite each other's
 * files. A process that finds the directory taken uses a sub-directory of its own; whoever holds
 * the main directory later takes over the envelopes of such sub-directories once their process
 * has ended.
 */
final class BufferDirectory {

  private static final String LOCK_FILE = ".lock";
  private static final String PROCESS_PREFIX = "process-";

  private final Path path;
  private final boolean main;
  private final FileChannel channel;
  private final FileLock lock;

  private BufferDirectory(Path path, boolean main, FileChannel channel, FileLock lock) {
    this.path = path;
    this.main = main;
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes {@code dir}, or a sub-directory of this process when another process holds it. */
  static BufferDirectory claim(Path dir, StatusReporter reporter) {
    try {
      BufferDirectory claimed = tryClaim(dir, true);
      if (claimed != null) {
        return claimed;
      }
      Path own = dir.resolve(PROCESS_PREFIX + ProcessHandle.current().pid());
      reporter.info(
          "the buffer directory " + dir + " is in use by another process; this one keeps its"
              + " undelivered events in " + own);
      claimed = tryClaim(own, false);
      return claimed != null ? claimed : new BufferDirectory(own, false, null, null);
    } catch (IOException e) {
      reporter.warn(
          "the buffer directory " + dir + " cannot be used (" + e + "); undelivered events are"
              + " kept in memory only (set bufferDir to a writable directory)");
      return new BufferDirectory(dir, true, null, null);
    }
  }

  /** Null when another process holds the directory. */
  private static BufferDirectory tryClaim(Path dir, boolean main) throws IOException {
    Files.createDirectories(dir);
    FileChannel channel =
        FileChannel.open(
            dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return new BufferDirectory(dir, main, channel, lock);
      }
    } catch (IOException | OverlappingFileLockException e) {
      // held by another process, or by this one through an earlier start not yet closed
    }
    closeQuietly(channel);
    return null;
  }

  Path path() {
    return path;
  }

  /**
   * Sub-directories of ended processes, each now held by this one; empty unless this holds the
   * main directory. Release each with {@link #release()} after emptying it.
   */
  List<BufferDirectory> orphans() {
    List<BufferDirectory> orphans = new ArrayList<>();
    if (!main) {
      return orphans;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(path, PROCESS_PREFIX + "*")) {
      for (Path dir : dirs) {
        try {
          BufferDirectory orphan = Files.isDirectory(dir) ? tryClaim(dir, false) : null;
          if (orphan != null) {
            orphans.add(orphan);
          }
        } catch (IOException e) {
          // not usable now: a later start tries again
        }
      }
    } catch (IOException e) {
      // nothing to take over
    }
    return orphans;
  }

  /** Gives the directory up; an emptied sub-directory is removed. */
  void release() {
    try {
      if (lock != null) {
        lock.release();
      }
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    closeQuietly(channel);
    if (!main) {
      try {
        Files.deleteIfExists(path.resolve(LOCK_FILE));
        Files.deleteIfExists(path); // only when empty
      } catch (IOException ignored) {
        // something left in it: the next start takes it over
      }
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing to do
      }
    }
  }
}
