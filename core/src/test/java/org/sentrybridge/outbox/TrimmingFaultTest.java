package org.sentrybridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.testing.FaultHarness.ARRIVAL_TIMEOUT;

import io.sentry.SentryEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.LogEventForwarder;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.SentryService;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.event.LogLevel;
import org.sentrybridge.event.LogRecord;
import org.sentrybridge.testing.FaultHarness;
import org.sentrybridge.testing.RecordingStatusReporter;

/** An event over Sentry's limits is cut before sending, marked, and accepted. */
class TrimmingFaultTest {

  /** Sentry refuses an event over 1 MB with 413; the receiver does the same. */
  private static final int ONE_MB = 1_000_000;

  private static final Duration SETTLE = Duration.ofSeconds(20);

  @TempDir Path buffer;

  @Test
  void aOneMegabyteMessageArrivesCutToSentrysLimitAndTheNextErrorToo() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    String big = "big " + "x".repeat(1 << 20);
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        LogEventForwarder forwarder =
            FaultHarness.forwarder(FaultHarness.settings(receiver, buffer).build(), status)) {
      receiver.rejectBodiesOver(ONE_MB, 413);
      forwarder.forward(
          LogRecord.builder(LogLevel.ERROR, FaultHarness.LOGGER)
              .message(big, big)
              .throwable(new IllegalStateException("big message"))
              .build());
      forwarder.forward(FaultHarness.distinctError("a normal error"));

      List<SentryEvent> events = receiver.awaitEvents(2, ARRIVAL_TIMEOUT);
      assertThat(forwarder.flush(SETTLE)).isTrue();

      SentryEvent trimmed =
          events.stream().filter(e -> e.getTag("trimmed") != null).findFirst().orElseThrow();
      assertThat(trimmed.getMessage().getFormatted())
          .hasSize(EventTrimmer.TEXT_CHARS)
          .startsWith("big xxx")
          .endsWith("...");
      assertThat(trimmed.getMessage().getMessage()).hasSize(EventTrimmer.TEXT_CHARS);
      assertThat(trimmed.getTag("trimmed")).isEqualTo("true");
      assertThat(lines(trimmed.getExtra("trimmed")))
          .contains(
              "message.message: " + big.length() + " characters cut to 8192",
              "message.formatted: " + big.length() + " characters cut to 8192");
      assertThat(events)
          .anyMatch(
              e ->
                  "a normal error".equals(FaultHarness.messageOf(e))
                      && e.getTag("trimmed") == null);
      assertThat(receiver.requestTimes()).hasSameSizeAs(receiver.acceptedTimes());
      assertThat(status.lines("WARN")).isEmpty();
    }
  }

  @Test
  void anEventStillOverOneMegabyteAfterTheFieldLimitsLosesItsExtrasAndArrives() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        SentryService service =
            SentryBridge.start(FaultHarness.settings(receiver, buffer).build(), status)) {
      receiver.rejectBodiesOver(ONE_MB, 413);
      service.sendError(
          new IllegalStateException("with 1.6 MB of extras"),
          (scope, scopes) -> {
            for (int i = 0; i < 200; i++) {
              scope.setExtra("part" + i, "y".repeat(8_000));
            }
            scope.setTag("kept", "yes");
          });

      SentryEvent event = receiver.awaitEvents(1, ARRIVAL_TIMEOUT).get(0);
      assertThat(service.flush(SETTLE)).isTrue();

      assertThat(event.getExtras()).containsOnlyKeys("trimmed");
      assertThat(lines(event.getExtra("trimmed")))
          .anySatisfy(line -> assertThat(line).startsWith("extra: removed (part0, part1"));
      assertThat(event.getTag("kept")).isEqualTo("yes");
      assertThat(event.getExceptions().get(0).getValue()).isEqualTo("with 1.6 MB of extras");
      assertThat(receiver.requestTimes()).hasSameSizeAs(receiver.acceptedTimes());
      assertThat(status.lines("WARN")).isEmpty();
    }
  }

  /** The extra {@code trimmed} as it arrives: a JSON array of strings. */
  private static List<String> lines(Object extra) {
    assertThat(extra).isInstanceOf(List.class);
    return ((List<?>) extra).stream().map(String::valueOf).toList();
  }
}
