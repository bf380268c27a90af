package org.sentrybridge.outbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files and directories of the buffer, private to the OS user: directories 0700 and files 0600
 * where the file system has POSIX permissions, and who owns what. Pending events hold messages,
 * MDC values and user details; no other local user may read them, nor plant an envelope that this
 * process would send with its DSN.
 */
final class PrivateFiles {

  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  /** A link planted where a buffer file goes is refused, not followed. */
  private static final Set<OpenOption> NEW_FILE =
      Set.of(
          StandardOpenOption.CREATE,
          StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING,
          LinkOption.NOFOLLOW_LINKS);

  /** The OS user this process runs as; null when the file system cannot tell. */
  private static volatile UserPrincipal currentUser;

  private static volatile boolean currentUserKnown;

  private PrivateFiles() {}

  /** Creates the directory and its missing parents, each one private. */
  static void createDirectories(Path dir) throws IOException {
    Files.createDirectories(dir, directoryAttributes(dir));
  }

  /** Creates or replaces a file of ours, readable and writable by its owner only. */
  static OutputStream newFile(Path file) throws IOException {
    return Channels.newOutputStream(Files.newByteChannel(file, NEW_FILE, fileAttributes(file)));
  }

  /** Opens (creating it private if missing) a file for writing, e.g. a lock file. */
  static FileChannel openForWriting(Path file) throws IOException {
    return FileChannel.open(
        file,
        EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
        fileAttributes(file));
  }

  /** Takes group and other permissions away from a directory this user owns. */
  static void restrict(Path dir) throws IOException {
    if (isPosix(dir)
        && !DIRECTORY.equals(Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS))) {
      Files.setPosixFilePermissions(dir, DIRECTORY);
    }
  }

  /**
   * True when {@code path} itself (not what a link points to) belongs to the user this process
   * runs as, or when the file system cannot tell owners apart.
   */
  static boolean isMine(Path path) {
    UserPrincipal me = currentUser();
    if (me == null) {
      return true;
    }
    try {
      return me.equals(Files.getOwner(path, LinkOption.NOFOLLOW_LINKS));
    } catch (UnsupportedOperationException e) {
      return true;
    } catch (IOException e) {
      return false; // gone or unreadable: not something to send
    }
  }

  /** The owner's name, for messages. */
  static String ownerOf(Path path) {
    try {
      return Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
    } catch (IOException | UnsupportedOperationException e) {
      return "unknown";
    }
  }

  /**
   * The user this process runs as: the owner of a file it creates. The {@code user.name} property
   * is not trusted for this: it can be set on the command line, or be unknown in a container.
   */
  static UserPrincipal currentUser() {
    if (!currentUserKnown) {
      synchronized (PrivateFiles.class) {
        if (!currentUserKnown) {
          currentUser = ownerOfAFreshFile();
          currentUserKnown = true;
        }
      }
    }
    return currentUser;
  }

  private static UserPrincipal ownerOfAFreshFile() {
    Path probe = null;
    try {
      Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
      probe = Files.createTempFile(tmp, "sentry-bridge-owner", ".tmp", fileAttributes(tmp));
      return Files.getOwner(probe, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null;
    } finally {
      if (probe != null) {
        try {
          Files.deleteIfExists(probe);
        } catch (IOException ignored) {
          // a stray empty temp file; nothing better to do
        }
      }
    }
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static FileAttribute<?>[] directoryAttributes(Path path) {
    return isPosix(path)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIRECTORY)}
        : new FileAttribute<?>[0];
  }

  private static FileAttribute<?>[] fileAttributes(Path path) {
    return isPosix(path)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
        : new FileAttribute<?>[0];
  }
}
