package org.sentrybridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.testing.FaultHarness.ARRIVAL_TIMEOUT;

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
import org.sentrybridge.testing.FaultHarness;
import org.sentrybridge.testing.RecordingStatusReporter;

class CorruptBufferFaultTest {

  @TempDir Path buffer;

  @Test
  void unreadableBufferFilesAreSkippedWithOneMessageAndTheRestDelivered() throws Exception {
    List<String> messages = FaultHarness.messages("left over", 20);
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      receiver.goDown();
      // five stay in memory (a batch file at stop), the others spill one file each
      try (LogEventForwarder forwarder =
          FaultHarness.forwarder(
              FaultHarness.settings(receiver, buffer).maxBufferedEvents(5).build(),
              new RecordingStatusReporter())) {
        for (String message : messages) {
          forwarder.forward(FaultHarness.distinctError(message));
        }
      }
      List<Path> files = FaultHarness.envelopeFiles(buffer);
      List<Path> batches = FaultHarness.batchFiles(buffer);
      assertThat(files).hasSizeGreaterThan(10);
      assertThat(batches).hasSize(1);
      byte[] whole = Files.readAllBytes(files.get(3));
      Files.write(files.get(3), Arrays.copyOf(whole, whole.length / 2));
      Files.write(files.get(7), "not an envelope\n{{{".getBytes(StandardCharsets.UTF_8));
      Files.write(files.get(9), new byte[0]);
      byte[] batch = Files.readAllBytes(batches.get(0));
      Files.write(batches.get(0), Arrays.copyOf(batch, batch.length - 10)); // cuts the last one

      receiver.comeUp();
      RecordingStatusReporter status = new RecordingStatusReporter();
      try (LogEventForwarder forwarder =
          FaultHarness.forwarder(FaultHarness.settings(receiver, buffer).build(), status)) {
        receiver.awaitEvents(messages.size() - 4, ARRIVAL_TIMEOUT);
        assertThat(forwarder.flush(Duration.ofSeconds(20))).isTrue();
      }

      Map<String, Integer> arrivals = FaultHarness.arrivals(receiver);
      assertThat(arrivals).hasSize(messages.size() - 4);
      assertThat(messages).containsAll(arrivals.keySet());
      assertThat(FaultHarness.duplicates(arrivals)).isZero();
      assertThat(status.lines("WARN"))
          .containsExactly(
              "4 unreadable (truncated or corrupt) envelope files in " + buffer
                  + " were skipped and deleted");
      assertThat(FaultHarness.bufferedFiles(buffer)).isEmpty();
      FaultHarness.figures(
          "3 of 20 buffer files and the last batch record corrupt",
          "delivered=" + arrivals.size() + " skipped=4 duplicates="
              + FaultHarness.duplicates(arrivals));
    }
  }
}
