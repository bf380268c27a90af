package org.sentrybridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.testing.FaultHarness.ARRIVAL_TIMEOUT;

import io.sentry.SentryEvent;
import io.sentry.clientreport.DiscardedEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.SentryService;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.FaultHarness;
import org.sentrybridge.testing.Poll;
import org.sentrybridge.testing.RecordingStatusReporter;

/**
 * What Sentry answered is final: a 4xx or 5xx envelope is dropped, counted, reported and recorded
 * in a client report as {@code send_error}, never retried, and never holds back the events behind
 * it.
 */
class RejectionFaultTest {

  private static final Duration SETTLE = Duration.ofSeconds(20);
  private static final Pattern REJECTED = Pattern.compile("(\\d+) events? rejected by Sentry: (.*)");

  @TempDir Path buffer;

  @Test
  void a400EnvelopeIsDroppedCountedAndReportedAndTheNextEventArrives() {
    droppedCountedReportedAndNotBlocking(400);
  }

  @Test
  void a413EnvelopeIsDroppedCountedAndReportedAndTheNextEventArrives() {
    droppedCountedReportedAndNotBlocking(413);
  }

  private void droppedCountedReportedAndNotBlocking(int status) {
    RecordingStatusReporter statusLines = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        SentryService service =
            SentryBridge.start(FaultHarness.settings(receiver, buffer).build(), statusLines)) {
      receiver.rejectBodiesOver(64 * 1024, status);
      service.sendError(
          new IllegalStateException("refused by Sentry"),
          (scope, scopes) -> {
            for (int i = 0; i < 16; i++) {
              scope.setExtra("part" + i, "x".repeat(8_000)); // 128 KB: over the receiver's limit
            }
          });
      Poll.until(
          "the rejection is reported",
          SETTLE,
          () -> !statusLines.lines("WARN").isEmpty());
      service.sendError(new IllegalStateException("sent after the refused one"));

      SentryEvent next =
          receiver.awaitEvent(
              e -> "sent after the refused one".equals(exceptionValue(e)), ARRIVAL_TIMEOUT);
      assertThat(service.flush(SETTLE)).isTrue();

      assertThat(next).isNotNull();
      assertThat(receiver.events()).hasSize(1);
      assertThat(receiver.requestTimes()).as("the refused envelope is not retried").hasSize(2);
      assertThat(statusLines.lines("WARN"))
          .containsExactly(
              "1 event rejected by Sentry: HTTP " + status + " (envelope exceeded size limits)");
      assertThat(receiver.discardedEvents())
          .singleElement()
          .satisfies(d -> assertDiscarded(d, "send_error", "error", 1));
    }
  }

  @Test
  void a500IsDroppedWithASendErrorClientReportAndNeverRetried() {
    RecordingStatusReporter statusLines = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        SentryService service =
            SentryBridge.start(FaultHarness.settings(receiver, buffer).build(), statusLines)) {
      receiver.respondWithStatus(500);
      for (int i = 0; i < 3; i++) {
        service.sendError(new IllegalStateException("answered 500 #" + i));
      }
      assertThat(service.flush(SETTLE)).as("every envelope was answered").isTrue();
      assertThat(receiver.requestTimes()).hasSize(3);

      receiver.respondHealthy();
      service.sendError(new IllegalStateException("after the 500s"));
      receiver.awaitEvent(e -> "after the 500s".equals(exceptionValue(e)), ARRIVAL_TIMEOUT);
      assertThat(service.flush(SETTLE)).isTrue();

      assertThat(receiver.events()).hasSize(1);
      assertThat(receiver.requestTimes()).hasSize(4);
      assertThat(receiver.discardedEvents())
          .singleElement()
          .satisfies(d -> assertDiscarded(d, "send_error", "error", 3));
    }
    assertThat(rejected(statusLines, "HTTP 500")).isEqualTo(3);
  }

  @Test
  void aClientReportNoLaterEnvelopeCarriesIsSentAtClose() {
    RecordingStatusReporter statusLines = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      try (SentryService service =
          SentryBridge.start(FaultHarness.settings(receiver, buffer).build(), statusLines)) {
        receiver.respondWithStatus(503);
        service.sendError(new IllegalStateException("answered 503"));
        assertThat(service.flush(SETTLE)).isTrue();
        receiver.respondHealthy();
      }
      assertThat(receiver.events()).isEmpty();
      assertThat(receiver.discardedEvents())
          .singleElement()
          .satisfies(d -> assertDiscarded(d, "send_error", "error", 1));
    }
  }

  static void assertDiscarded(DiscardedEvent discarded, String reason, String category, long n) {
    assertThat(discarded.getReason()).isEqualTo(reason);
    assertThat(discarded.getCategory()).isEqualTo(category);
    assertThat(discarded.getQuantity()).isEqualTo(n);
  }

  static String exceptionValue(SentryEvent event) {
    return event.getExceptions() == null || event.getExceptions().isEmpty()
        ? null
        : event.getExceptions().get(0).getValue();
  }

  /** The events the status lines report as rejected with this answer, over all lines. */
  static long rejected(RecordingStatusReporter status, String answer) {
    long total = 0;
    List<String> lines = status.lines("WARN");
    for (String line : lines) {
      Matcher matcher = REJECTED.matcher(line);
      if (matcher.matches() && matcher.group(2).startsWith(answer)) {
        total += Long.parseLong(matcher.group(1));
      }
    }
    return total;
  }
}
