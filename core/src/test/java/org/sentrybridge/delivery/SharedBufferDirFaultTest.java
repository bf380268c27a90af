package org.sentrybridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.delivery.FaultHarness.ARRIVAL_TIMEOUT;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.LogEventForwarder;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.RecordingStatusReporter;

/** Two applications with the same bufferDir: neither sends the other's envelopes or loses its own. */
class SharedBufferDirFaultTest {

  @TempDir Path buffer;

  @Test
  void aProcessFindingTheDirectoryTakenBuffersAsideAndTheOwnerDeliversItLater() throws Exception {
    List<String> messages = FaultHarness.messages("second process", 30);
    Path own = buffer.resolve("process-" + ProcessHandle.current().pid());
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      receiver.goDown();
      RecordingStatusReporter firstRun = new RecordingStatusReporter();
      Files.createDirectories(buffer);
      try (FileChannel channel =
              FileChannel.open(
                  buffer.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock otherProcess = channel.lock()) {
        try (LogEventForwarder forwarder =
            FaultHarness.forwarder(FaultHarness.settings(receiver, buffer).build(), firstRun)) {
          for (String message : messages) {
            forwarder.forward(FaultHarness.distinctError(message));
          }
        }
      }
      assertThat(firstRun.lines("INFO"))
          .anyMatch(l -> l.contains("is in use by another process") && l.contains(own.toString()));
      assertThat(FaultHarness.bufferedFiles(own)).isNotEmpty();

      receiver.comeUp();
      RecordingStatusReporter secondRun = new RecordingStatusReporter();
      try (LogEventForwarder forwarder =
          FaultHarness.forwarder(FaultHarness.settings(receiver, buffer).build(), secondRun)) {
        receiver.awaitEvents(messages.size(), ARRIVAL_TIMEOUT);
        assertThat(forwarder.flush(Duration.ofSeconds(20))).isTrue();
      }
      Map<String, Integer> arrivals = FaultHarness.arrivals(receiver);
      assertThat(arrivals.keySet()).containsExactlyInAnyOrderElementsOf(messages);
      assertThat(FaultHarness.duplicates(arrivals)).isZero();
      assertThat(own).doesNotExist();
    }
  }
}
