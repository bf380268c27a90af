package org.sentrybridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.testing.RecordingStatusReporter;

/** Left-overs of the user's other DSNs under the default root: reported, or removed when empty. */
class OtherDsnBuffersTest {

  @TempDir Path root;

  @Test
  void directoriesHoldingEnvelopesAreReportedEmptyOnesAndEndedProcessesRemoved() throws Exception {
    Path own = Files.createDirectories(root.resolve("0000aaaa"));
    Path other = Files.createDirectories(root.resolve("1111bbbb"));
    Files.writeString(other.resolve("0000000000000000001.envelope"), "{}");
    Path ended = Files.createDirectories(other.resolve("process-99999"));
    Files.writeString(ended.resolve("0000000000000000007.batch"), "x");
    Path emptyProcess = Files.createDirectories(other.resolve("process-99998"));
    Files.createFile(emptyProcess.resolve(".lock"));
    Path empty = Files.createDirectories(root.resolve("2222cccc"));
    Files.createFile(empty.resolve(".lock"));
    RecordingStatusReporter status = new RecordingStatusReporter();

    OtherDsnBuffers.tidy(root, own, status);

    assertThat(status.lines("INFO"))
        .containsExactly(
            other + " holds 2 undelivered envelope files of another DSN; an application with that"
                + " DSN sends them when it starts (delete the directory if that DSN is no longer"
                + " used)");
    assertThat(ended.resolve("0000000000000000007.batch")).exists();
    assertThat(emptyProcess).doesNotExist();
    assertThat(empty).doesNotExist();
    assertThat(own).exists();
  }

  @Test
  void aDirectoryInUseByARunningApplicationIsLeftAlone() throws Exception {
    Path other = Files.createDirectories(root.resolve("1111bbbb"));
    BufferDirectory running = BufferDirectory.tryClaim(other, true);
    try {
      RecordingStatusReporter status = new RecordingStatusReporter();

      OtherDsnBuffers.tidy(root, root.resolve("0000aaaa"), status);

      assertThat(status.lines()).isEmpty();
      assertThat(other).exists();
    } finally {
      running.release();
    }
  }
}
