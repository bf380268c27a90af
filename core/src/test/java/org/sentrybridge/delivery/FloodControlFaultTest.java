package org.sentrybridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.SentryEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.LogEventForwarder;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.event.LogLevel;
import org.sentrybridge.event.LogRecord;
import org.sentrybridge.testing.FaultHarness;
import org.sentrybridge.testing.RecordingStatusReporter;

class FloodControlFaultTest {

  private static final int OCCURRENCES = 10_000;

  @TempDir Path buffer;

  @Test
  void theSameErrorTenThousandTimesInOneWindowArrivesAsAFewEventsCarryingTheCount() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        LogEventForwarder forwarder =
            FaultHarness.forwarder(
                FaultHarness.settings(receiver, buffer).dedupeWindow(Duration.ofMinutes(5)).build(),
                status)) {
      for (int i = 0; i < OCCURRENCES; i++) {
        assertThat(forwarder.forward(sameError(i))).isTrue();
      }
      assertThat(forwarder.flush(Duration.ofSeconds(20))).isTrue();

      List<SentryEvent> events = receiver.events();
      long occurrences = events.stream().mapToLong(FloodControlFaultTest::standsFor).sum();
      assertThat(events).hasSizeBetween(1, 3);
      assertThat(occurrences).isEqualTo(OCCURRENCES);
      assertThat(events)
          .anyMatch(e -> e.getTag("repeats") != null && e.getExtra("repeats") != null);
      FaultHarness.figures(
          "same error x10000",
          "events=" + events.size() + " occurrences counted=" + occurrences + " repeats tags="
              + events.stream().map(e -> e.getTag("repeats")).toList());
    }
  }

  @Test
  void distinctErrorsInOneWindowAreNeverFolded() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        LogEventForwarder forwarder =
            FaultHarness.forwarder(FaultHarness.settings(receiver, buffer).build(), status)) {
      List<String> messages = FaultHarness.messages("distinct", 50);
      for (String message : messages) {
        forwarder.forward(FaultHarness.distinctError(message));
      }
      forwarder.forward(otherException("distinct #0"));
      assertThat(forwarder.flush(Duration.ofSeconds(20))).isTrue();

      assertThat(receiver.events()).hasSize(messages.size() + 1);
      assertThat(receiver.events()).allMatch(e -> e.getTag("repeats") == null);
    }
  }

  private static long standsFor(SentryEvent event) {
    String repeats = event.getTag("repeats");
    return repeats == null ? 1 : Long.parseLong(repeats);
  }

  /** Same logger, template, exception type and throwing line every time; only arguments vary. */
  private static LogRecord sameError(int orderId) {
    return LogRecord.builder(LogLevel.ERROR, FaultHarness.LOGGER)
        .message("order {} failed", "order " + orderId + " failed")
        .arguments(new Object[] {orderId})
        .throwable(new IllegalStateException("payment declined"))
        .build();
  }

  private static LogRecord otherException(String message) {
    return LogRecord.builder(LogLevel.ERROR, FaultHarness.LOGGER)
        .message(message, message)
        .throwable(new IllegalArgumentException("order failed"))
        .build();
  }
}
