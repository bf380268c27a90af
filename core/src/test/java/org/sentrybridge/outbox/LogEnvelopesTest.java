package org.sentrybridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.JsonSerializer;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEnvelopeHeader;
import io.sentry.SentryEnvelopeItem;
import io.sentry.SentryEvent;
import io.sentry.SentryItemType;
import io.sentry.SentryLogEvent;
import io.sentry.SentryLogEvents;
import io.sentry.SentryLogLevel;
import io.sentry.SentryOptions;
import io.sentry.clientreport.ClientReport;
import io.sentry.clientreport.ClientReportRecorder;
import io.sentry.clientreport.DiscardedEvent;
import io.sentry.protocol.Message;
import io.sentry.protocol.SentryId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.delivery.DropCounter;
import org.sentrybridge.testing.RecordingStatusReporter;

/**
 * Envelopes of Sentry log entries in the outbox: kept apart from the errors, in memory only, sent
 * after every waiting error, dropped (oldest first, counted per entry) before any error.
 */
class LogEnvelopesTest {

  private final JsonSerializer serializer = new JsonSerializer(new SentryOptions());
  private final RecordingStatusReporter status = new RecordingStatusReporter();
  private final DropCounter drops = new DropCounter(status, Duration.ofMinutes(1));
  private final ClientReportRecorder clientReports = new ClientReportRecorder(new SentryOptions());

  @TempDir Path dir;

  @Test
  void errorsAreTakenBeforeLogEnvelopesThatCameEarlier() throws Exception {
    EnvelopeBuffer buffer = buffer(10, 10);
    buffer.addLogs(logs("l0", 3));
    buffer.addLogs(logs("l1", 3));
    buffer.add(event("e0"), false);

    assertThat(taken(buffer)).containsExactly("e0", "l0", "l1");
  }

  @Test
  void atTheirBoundTheOldestLogEnvelopeGoesAndNoErrorEver() throws Exception {
    EnvelopeBuffer buffer = buffer(1, 2);
    buffer.add(event("e0"), false);
    SentryEnvelope oldest = logs("l0", 3);
    buffer.addLogs(oldest);
    buffer.addLogs(logs("l1", 4));
    buffer.addLogs(logs("l2", 5));

    assertThat(drops.logEntriesTotal()).isEqualTo(3);
    // as the Logs protocol asks: entries and their bytes
    assertThat(discarded()).containsExactlyInAnyOrder(
        "cache_overflow log_item 3", "cache_overflow log_byte " + itemBytes(oldest));
    assertThat(drops.total()).isZero();
    assertThat(taken(buffer)).containsExactly("e0", "l1", "l2");
    drops.reportNow();
    assertThat(status.lines("WARN"))
        .containsExactly("3 log entries dropped: " + EnvelopeBuffer.LOGS_FULL);
  }

  @Test
  void logEnvelopesAreNotKeptOnDiskButCountedAtStop() throws Exception {
    EnvelopeBuffer buffer = buffer(10, 10);
    buffer.add(event("e0"), false);
    SentryEnvelope logs = logs("l0", 7);
    buffer.addLogs(logs);

    assertThat(buffer.persist()).isEqualTo(1);
    assertThat(buffer.size()).isEqualTo(1);
    assertThat(drops.logEntriesTotal()).isEqualTo(7);
    assertThat(discarded()).containsExactlyInAnyOrder(
        "cache_overflow log_item 7", "cache_overflow log_byte " + itemBytes(logs));
  }

  @Test
  void onlyEnvelopesOfLogEntriesGoToTheLogLane() throws Exception {
    assertThat(EnvelopeBuffer.isLogs(logs("l0", 2))).isTrue();
    assertThat(EnvelopeBuffer.isLogs(event("e0"))).isFalse();
    assertThat(EnvelopeBuffer.logEntryCount(logs("l0", 2))).isEqualTo(2);
  }

  /** What the next client report carries: "reason category quantity" per count. */
  private List<String> discarded() throws Exception {
    SentryEnvelope empty = new SentryEnvelope(new SentryEnvelopeHeader(null), List.of());
    List<String> lines = new ArrayList<>();
    for (SentryEnvelopeItem item : clientReports.attachReportToEnvelope(empty).getItems()) {
      ClientReport report = item.getClientReport(serializer);
      for (DiscardedEvent event : report.getDiscardedEvents()) {
        lines.add(event.getReason() + " " + event.getCategory() + " " + event.getQuantity());
      }
    }
    return lines;
  }

  private static int itemBytes(SentryEnvelope envelope) throws Exception {
    return envelope.getItems().iterator().next().getData().length;
  }

  private EnvelopeBuffer buffer(int maxInMemory, int maxLogEnvelopes) {
    return new EnvelopeBuffer(
        new EnvelopeFiles(dir, serializer), maxInMemory, 1 << 20, drops, clientReports,
        maxLogEnvelopes);
  }

  /** Takes every envelope in the order the dispatcher would: events by message, logs by body. */
  private List<String> taken(EnvelopeBuffer buffer) throws Exception {
    List<String> names = new ArrayList<>();
    EnvelopeBuffer.Entry entry;
    while ((entry = buffer.take()) != null) {
      SentryEnvelopeItem item = buffer.envelopeOf(entry).getItems().iterator().next();
      if (item.getHeader().getType() == SentryItemType.Log) {
        names.add(item.getLogs(serializer).getItems().get(0).getBody());
      } else {
        names.add(item.getEvent(serializer).getMessage().getFormatted());
      }
    }
    return names;
  }

  private SentryEnvelope event(String text) throws Exception {
    SentryEvent event = new SentryEvent();
    Message message = new Message();
    message.setFormatted(text);
    event.setMessage(message);
    return SentryEnvelope.from(serializer, event, null);
  }

  private SentryEnvelope logs(String body, int count) {
    List<SentryLogEvent> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      entries.add(new SentryLogEvent(new SentryId(), 1.0 + i, body, SentryLogLevel.INFO));
    }
    return new SentryEnvelope(
        new SentryEnvelopeHeader(null),
        List.of(SentryEnvelopeItem.fromLogs(serializer, new SentryLogEvents(entries))));
  }
}
