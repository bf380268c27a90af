package org.sentrybridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.testing.FaultHarness.ARRIVAL_TIMEOUT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.LogEventForwarder;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.FaultHarness;
import org.sentrybridge.testing.RecordingStatusReporter;

/**
 * The disk buffer holds messages, MDC values and user details: only the OS user who runs the
 * application may read it, and nothing another user put there is ever sent with its DSN.
 */
class BufferPrivacyTest {

  /** The uid of "nobody" on Linux: another user than the one running the tests. */
  private static final int OTHER_UID = 65534;

  @TempDir Path tmp;

  @Test
  void directoriesAreOnlyForTheOwnerAndFilesOnlyReadableByIt() throws Exception {
    assumePosix();
    Path buffer = tmp.resolve("created/by/the/bridge");
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      receiver.goDown();
      BridgeSettings settings =
          FaultHarness.settings(receiver, buffer).maxBufferedEvents(5).build();
      try (LogEventForwarder forwarder =
          FaultHarness.forwarder(settings, new RecordingStatusReporter())) {
        for (String message : FaultHarness.messages("private", 20)) {
          forwarder.forward(FaultHarness.distinctError(message));
        }
      }
    }
    List<Path> files = filesIn(buffer);
    assertThat(files).anyMatch(f -> f.toString().endsWith(".envelope"));
    assertThat(files).anyMatch(f -> f.toString().endsWith(".batch"));
    assertThat(files).anyMatch(f -> f.getFileName().toString().equals(".lock"));
    for (Path file : files) {
      assertThat(permissions(file)).as(file.toString()).isEqualTo("rw-------");
    }
    for (Path dir : List.of(buffer, buffer.getParent(), tmp.resolve("created"))) {
      assertThat(permissions(dir)).as(dir.toString()).isEqualTo("rwx------");
    }
  }

  @Test
  void theDefaultLocationIsADirectoryOfTheUserThatOnlyItMayEnter() throws Exception {
    assumePosix();
    Path root = BridgeSettings.defaultBufferRoot();
    if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      // as an earlier version or a lax umask may have left it
      Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        LogEventForwarder forwarder =
            FaultHarness.forwarder(
                BridgeSettings.builder().dsn(receiver.dsn()).flushTimeout("1s").build(),
                new RecordingStatusReporter())) {
      forwarder.forward(FaultHarness.distinctError("default location"));
      receiver.awaitEvents(1, ARRIVAL_TIMEOUT);
      Path dir = BridgeSettings.builder().build().bufferDirFor(receiver.dsn());

      assertThat(root.getFileName().toString())
          .isEqualTo("sentry-bridge-" + System.getProperty("user.name"));
      assertThat(dir.getParent()).isEqualTo(root);
      assertThat(permissions(root)).isEqualTo("rwx------");
      assertThat(permissions(dir)).isEqualTo("rwx------");
      assertThat(Files.getOwner(root)).isEqualTo(PrivateFiles.currentUser());
    }
  }

  @Test
  void aDefaultRootMadeByAnotherUserIsNotUsed() throws Exception {
    Path root = tmp.resolve("sentry-bridge-victim");
    Files.createDirectory(root);
    assumeCanGiveAway(root);
    RecordingStatusReporter status = new RecordingStatusReporter();

    BufferDirectory directory = BufferDirectory.claim(root.resolve("1a2b"), root, status);

    assertThat(status.lines("WARN"))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith("the buffer directory " + root.resolve("1a2b") + " cannot be used")
                    .contains(root + " belongs to another user")
                    .endsWith("kept in memory only (set bufferDir to a writable directory)"));
    assertThat(root.resolve("1a2b")).doesNotExist();
    directory.release();
  }

  @Test
  void aBufferFilePlantedByAnotherUserIsNeverSent() throws Exception {
    Path buffer = tmp.resolve("buffer");
    List<String> messages = FaultHarness.messages("own", 10);
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      receiver.goDown();
      try (LogEventForwarder forwarder =
          FaultHarness.forwarder(
              FaultHarness.settings(receiver, buffer).maxBufferedEvents(1).build(),
              new RecordingStatusReporter())) {
        for (String message : messages) {
          forwarder.forward(FaultHarness.distinctError(message));
        }
      }
      // a real envelope file of this DSN, handed over to another user: as if planted by them
      Path planted = FaultHarness.envelopeFiles(buffer).get(0);
      assumeCanGiveAway(planted);
      String content = Files.readString(planted);
      String plantedMessage =
          messages.stream()
              .filter(m -> content.contains("\"" + m + "\""))
              .findFirst()
              .orElseThrow();

      receiver.comeUp();
      RecordingStatusReporter status = new RecordingStatusReporter();
      try (LogEventForwarder forwarder =
          FaultHarness.forwarder(FaultHarness.settings(receiver, buffer).build(), status)) {
        receiver.awaitEvents(messages.size() - 1, ARRIVAL_TIMEOUT);
        assertThat(forwarder.flush(Duration.ofSeconds(20))).isTrue();
      }

      List<String> expected = new ArrayList<>(messages);
      expected.remove(plantedMessage);
      assertThat(FaultHarness.arrivals(receiver).keySet())
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(status.lines("WARN"))
          .containsExactly(
              "1 file in " + buffer + " belongs to another user and was neither read nor sent");
      assertThat(planted).as("left where it is").exists();
    }
  }

  private static void assumePosix() {
    Assumptions.assumeTrue(
        Path.of(".").getFileSystem().supportedFileAttributeViews().contains("posix"),
        "POSIX permissions");
  }

  /** Gives the file to another user; possible only as root, skipped otherwise. */
  private static void assumeCanGiveAway(Path path) {
    try {
      Files.setAttribute(path, "unix:uid", OTHER_UID, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      Assumptions.abort("cannot hand a file to another user here: " + e);
    }
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }

  private static List<Path> filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return new ArrayList<>(files.filter(Files::isRegularFile).toList());
    }
  }
}
