package org.sentrybridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.JsonSerializer;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.clientreport.ClientReportRecorder;
import io.sentry.protocol.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.delivery.DropCounter;
import org.sentrybridge.testing.RecordingStatusReporter;

/** The buffer's files and its in-memory bookkeeping, without a transport. */
class EnvelopeFilesTest {

  private final JsonSerializer serializer = new JsonSerializer(new SentryOptions());
  private final DropCounter drops =
      new DropCounter(new RecordingStatusReporter(), Duration.ofMinutes(1));
  private final ClientReportRecorder clientReports = new ClientReportRecorder(new SentryOptions());

  @TempDir Path dir;

  @Test
  void aWrittenEnvelopeIsListedWithItsSequenceAndKindAndReadsBack() throws Exception {
    EnvelopeFiles files = new EnvelopeFiles(dir, serializer);
    byte[] bytes = files.serialize(envelope("written"));

    Path file = files.write(7, true, bytes);

    assertThat(files.list().files)
        .singleElement()
        .isEqualTo(new EnvelopeFiles.Found(7, true, file, bytes.length, false));
    assertThat(message(files.read(file))).isEqualTo("written");
  }

  @Test
  void aBatchSplitsIntoItsEnvelopesInOrder() throws Exception {
    EnvelopeFiles files = new EnvelopeFiles(dir, serializer);
    Path batch =
        files.writeBatch(
            List.of(
                new EnvelopeFiles.BatchRecord(3, false, files.serialize(envelope("b3"))),
                new EnvelopeFiles.BatchRecord(4, true, files.serialize(envelope("b4")))));
    assertThat(files.list().files).singleElement().satisfies(f -> assertThat(f.batch()).isTrue());

    EnvelopeFiles.Split split = files.split(batch);

    assertThat(split.unreadable).isZero();
    assertThat(split.files).extracting(EnvelopeFiles.Found::sequence).containsExactly(3L, 4L);
    assertThat(split.files).extracting(EnvelopeFiles.Found::repeatSummary)
        .containsExactly(false, true);
    assertThat(split.files).extracting(f -> message(files.read(f.file())))
        .containsExactly("b3", "b4");
  }

  @Test
  void aFileThatIsNotAnEnvelopeReadsAsNothing() throws Exception {
    EnvelopeFiles files = new EnvelopeFiles(dir, serializer);
    Path file = files.write(1, false, "not an envelope\n{{{".getBytes(StandardCharsets.UTF_8));

    assertThat(files.read(file)).isNull();
    assertThat(Files.exists(file)).isTrue();
  }

  @Test
  void takenEnvelopesComeOldestFirstAndOnlyAFinishedOneLeaves() throws Exception {
    EnvelopeBuffer buffer =
        new EnvelopeBuffer(new EnvelopeFiles(dir, serializer), 10, 1 << 20, drops, clientReports);
    buffer.add(envelope("first"), false);
    buffer.add(envelope("second"), false);

    EnvelopeBuffer.Entry first = buffer.take();
    EnvelopeBuffer.Entry second = buffer.take();

    assertThat(message(buffer.envelopeOf(first))).isEqualTo("first");
    assertThat(message(buffer.envelopeOf(second))).isEqualTo("second");
    assertThat(buffer.take()).as("both are in flight").isNull();
    assertThat(buffer.inFlight()).isEqualTo(2);

    buffer.complete(first, true); // delivered
    buffer.complete(second, false); // a network failure: tried again
    assertThat(buffer.size()).isEqualTo(1);
    assertThat(buffer.inFlight()).isZero();
    assertThat(message(buffer.envelopeOf(buffer.take()))).isEqualTo("second");
  }

  private String message(SentryEnvelope envelope) {
    try {
      SentryEvent event = envelope.getItems().iterator().next().getEvent(serializer);
      return event.getMessage().getFormatted();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private SentryEnvelope envelope(String text) throws Exception {
    SentryEvent event = new SentryEvent();
    Message message = new Message();
    message.setFormatted(text);
    event.setMessage(message);
    return SentryEnvelope.from(serializer, event, null);
  }
}
