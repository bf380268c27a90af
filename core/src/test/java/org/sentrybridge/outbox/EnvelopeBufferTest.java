package org.sentrybridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.JsonSerializer;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEnvelopeItem;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.clientreport.ClientReportRecorder;
import io.sentry.protocol.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.delivery.DropCounter;
import org.sentrybridge.testing.RecordingStatusReporter;

/** The drop rules at the bounds: oldest repeat summaries first, then the oldest envelopes. */
class EnvelopeBufferTest {

  private final JsonSerializer serializer = new JsonSerializer(new SentryOptions());
  private final RecordingStatusReporter status = new RecordingStatusReporter();
  private final DropCounter drops = new DropCounter(status, Duration.ofMinutes(1));
  private final ClientReportRecorder clientReports = new ClientReportRecorder(new SentryOptions());

  @TempDir Path dir;

  @Test
  void whenFullTheOldestRepeatSummaryGoesFirstThenTheOldestEnvelope() throws Exception {
    EnvelopeFiles files = new EnvelopeFiles(dir, serializer);
    long one = files.serialize(envelope("e0")).length;
    // two in memory, room for two (not three) on disk
    EnvelopeBuffer buffer = new EnvelopeBuffer(files, 2, one * 2 + one / 2, drops, clientReports);

    buffer.add(envelope("s0"), true);
    for (int i = 1; i <= 4; i++) {
      buffer.add(envelope("e" + i), false);
    }
    assertThat(drops.total()).isEqualTo(1);
    assertThat(remaining(buffer)).containsExactly("e1", "e2", "e3", "e4");

    buffer.add(envelope("e5"), false);
    assertThat(drops.total()).isEqualTo(2);
    assertThat(remaining(buffer)).containsExactly("e2", "e3", "e4", "e5");

    drops.reportNow();
    assertThat(status.lines("WARN"))
        .containsExactly("1 event dropped: buffer full", "1 event dropped: buffer full");
    SentryEnvelope report = clientReports.attachReportToEnvelope(envelope("next"));
    SentryEnvelopeItem item = null;
    for (SentryEnvelopeItem each : report.getItems()) {
      item = each; // the client report comes last
    }
    assertThat(item.getClientReport(serializer).getDiscardedEvents())
        .singleElement()
        .satisfies(d -> RejectionFaultTest.assertDiscarded(d, "cache_overflow", "error", 2));
  }

  @Test
  void persistWritesWhatIsInMemoryAndANewBufferFindsItInOrder() throws Exception {
    // four in memory (they go into one batch), two spilled one file each
    EnvelopeBuffer first =
        new EnvelopeBuffer(new EnvelopeFiles(dir, serializer), 4, 1 << 20, drops, clientReports);
    for (int i = 0; i < 5; i++) {
      first.add(envelope("p" + i), i == 2);
    }
    first.add(envelope("p5"), false);
    assertThat(first.persist()).isEqualTo(6);

    EnvelopeFiles files = new EnvelopeFiles(dir, serializer);
    EnvelopeBuffer second = new EnvelopeBuffer(files, 10, 1 << 20, drops, clientReports);
    LeftOvers leftOvers = LeftOvers.register(second, files, List.of());
    assertThat(leftOvers.check()).isZero();
    second.add(envelope("p6"), false);
    assertThat(remaining(second)).containsExactly("p0", "p1", "p2", "p3", "p4", "p5", "p6");
    assertThat(drops.total()).isZero();
  }

  /** Messages of the envelopes not yet taken, oldest first (takes them all). */
  private List<String> remaining(EnvelopeBuffer buffer) throws Exception {
    List<EnvelopeBuffer.Entry> taken = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    EnvelopeBuffer.Entry entry;
    while ((entry = buffer.take()) != null) {
      taken.add(entry);
      SentryEnvelope envelope = buffer.envelopeOf(entry);
      SentryEvent event = envelope.getItems().iterator().next().getEvent(serializer);
      messages.add(event.getMessage().getFormatted());
    }
    for (EnvelopeBuffer.Entry back : taken) {
      buffer.complete(back, false);
    }
    return messages;
  }

  private SentryEnvelope envelope(String text) throws Exception {
    SentryEvent event = new SentryEvent();
    Message message = new Message();
    message.setFormatted(text);
    event.setMessage(message);
    return SentryEnvelope.from(serializer, event, null);
  }
}
