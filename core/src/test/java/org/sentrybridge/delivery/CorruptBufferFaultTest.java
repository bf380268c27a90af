package org.sentrybridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.delivery.FaultHarness.ARRIVAL_TIMEOUT;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.LogEventForwarder;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.RecordingStatusReporter;

class CorruptBufferFaultTest {

  @TempDir Path buffer;

  @Test
  void corruptAndTruncatedFilesAreSkippedWithOneMessageAndTheRestDelivered() throws Exception {
    List<String> messages = FaultHarness.messages("left over", 20);
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      receiver.goDown();
      try (LogEventForwarder forwarder =
          FaultHarness.forwarder(
              FaultHarness.settings(receiver, buffer).build(), new RecordingStatusReporter())) {
        for (String message : messages) {
          forwarder.forward(FaultHarness.distinctError(message));
        }
      }
      List<Path> files = FaultHarness.envelopeFiles(buffer);
      assertThat(files).hasSize(messages.size());
      byte[] whole = Files.readAllBytes(files.get(3));
      Files.write(files.get(3), Arrays.copyOf(whole, whole.length / 2));
      Files.write(files.get(7), "not an envelope\n{{{".getBytes(StandardCharsets.UTF_8));
      Files.write(files.get(11), new byte[0]);

      receiver.comeUp();
      RecordingStatusReporter status = new RecordingStatusReporter();
      try (LogEventForwarder forwarder =
          FaultHarness.forwarder(FaultHarness.settings(receiver, buffer).build(), status)) {
        receiver.awaitEvents(messages.size() - 3, ARRIVAL_TIMEOUT);
        assertThat(forwarder.flush(Duration.ofSeconds(20))).isTrue();
      }

      Map<String, Integer> arrivals = FaultHarness.arrivals(receiver);
      assertThat(arrivals).hasSize(messages.size() - 3);
      assertThat(messages).containsAll(arrivals.keySet());
      assertThat(FaultHarness.duplicates(arrivals)).isZero();
      assertThat(status.lines("WARN"))
          .containsExactly(
              "3 unreadable (truncated or corrupt) envelope files in " + buffer
                  + " were skipped and deleted");
      assertThat(FaultHarness.envelopeFiles(buffer)).isEmpty();
      FaultHarness.figures(
          "3 of 20 buffer files corrupt",
          "delivered=" + arrivals.size() + " skipped=3 duplicates="
              + FaultHarness.duplicates(arrivals));
    }
  }
}
