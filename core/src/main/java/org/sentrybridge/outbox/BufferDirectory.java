package org.sentrybridge.outbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sentrybridge.StatusReporter;

/**
 * A buffer directory held by one process at a time (a lock file), so that two applications with
 * the same DSN on one host neither send each other's envelopes twice nor overwrite each other's
 * files. A process that finds the directory taken uses a sub-directory of its own; whoever holds
 * the main directory later takes over the envelopes of such sub-directories once their process
 * has ended. Every directory it creates is private to the OS user (0700).
 */
final class BufferDirectory {

  static final String LOCK_FILE = ".lock";
  static final String PROCESS_PREFIX = "process-";

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

  /**
   * Takes {@code dir}, or a sub-directory of this process when another process holds it.
   *
   * @param privateRoot the per-user directory the default location lies in, checked to belong to
   *     this user and made 0700 before use; null for a configured {@code bufferDir}
   */
  static BufferDirectory claim(Path dir, Path privateRoot, StatusReporter reporter) {
    try {
      if (privateRoot != null) {
        ensurePrivateRoot(privateRoot);
      }
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

  /**
   * The default location's root lies in the shared temp directory, where anyone could have made
   * it first: it is used only if it is a real directory of this user, and made 0700.
   */
  private static void ensurePrivateRoot(Path root) throws IOException {
    try {
      PrivateFiles.createDirectories(root);
    } catch (FileAlreadyExistsException e) {
      // something that is not a directory: refused below
    }
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(root + " is not a directory");
    }
    if (!PrivateFiles.isMine(root)) {
      throw new IOException(
          root + " belongs to another user (" + PrivateFiles.ownerOf(root) + ")");
    }
    PrivateFiles.restrict(root);
  }

  /** Null when another process holds the directory. */
  static BufferDirectory tryClaim(Path dir, boolean main) throws IOException {
    PrivateFiles.createDirectories(dir);
    FileChannel channel = PrivateFiles.openForWriting(dir.resolve(LOCK_FILE));
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
   * main directory. Only real directories of this user count. Release each with {@link
   * #release()} after emptying it.
   */
  List<BufferDirectory> orphans() {
    List<BufferDirectory> orphans = new ArrayList<>();
    if (!main || channel == null) {
      return orphans;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(path, PROCESS_PREFIX + "*")) {
      for (Path dir : dirs) {
        try {
          BufferDirectory orphan =
              Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && PrivateFiles.isMine(dir)
                  ? tryClaim(dir, false)
                  : null;
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
      removeIfEmpty(path);
    }
  }

  /** Removes a buffer directory that holds nothing but its lock file. */
  static void removeIfEmpty(Path dir) {
    try {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path entry : entries) {
          if (!entry.getFileName().toString().equals(LOCK_FILE)) {
            return;
          }
        }
      }
      Files.deleteIfExists(dir.resolve(LOCK_FILE));
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // something appeared in it, or it went away: either way it is not ours to remove now
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
