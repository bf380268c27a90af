package org.sentrybridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.testing.FaultHarness.ARRIVAL_TIMEOUT;

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
import org.sentrybridge.testing.FaultHarness;
import org.sentrybridge.testing.RecordingStatusReporter;

/** The buffer directory shared by two applications, or not usable at all. */
class BufferDirFaultTest {

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

  @Test
  void anUnusableDirectoryIsReportedOnceAndEventsStillArriveThroughMemory() throws Exception {
    Path notADirectory = Files.writeString(buffer.resolve("a-file"), "x");
    Path unusable = notADirectory.resolve("buffer");
    RecordingStatusReporter status = new RecordingStatusReporter();
    List<String> messages = FaultHarness.messages("memory only", 50);
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        LogEventForwarder forwarder =
            FaultHarness.forwarder(FaultHarness.settings(receiver, unusable).build(), status)) {
      for (String message : messages) {
        forwarder.forward(FaultHarness.distinctError(message));
      }
      receiver.awaitEvents(messages.size(), ARRIVAL_TIMEOUT);
      assertThat(forwarder.flush(Duration.ofSeconds(20))).isTrue();
      assertThat(FaultHarness.arrivals(receiver).keySet())
          .containsExactlyInAnyOrderElementsOf(messages);
    }
    assertThat(status.lines("WARN")).hasSize(1);
    assertThat(status.lines("WARN").get(0))
        .startsWith("the buffer directory " + unusable + " cannot be used")
        .endsWith("kept in memory only (set bufferDir to a writable directory)");
  }
}
