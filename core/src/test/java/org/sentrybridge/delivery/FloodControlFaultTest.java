package org.sentrybridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.SentryEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.LogEventForwarder;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.event.CaptureRules;
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
  void anApplicationThatFlushesAfterEachBatchKeepsItsFloodControl() {
    int batches = 5;
    int perBatch = 100;
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        LogEventForwarder forwarder =
            FaultHarness.forwarder(
                FaultHarness.settings(receiver, buffer).dedupeWindow(Duration.ofMinutes(5)).build(),
                status)) {
      for (int batch = 0; batch < batches; batch++) {
        for (int i = 0; i < perBatch; i++) {
          assertThat(forwarder.forward(sameError(i))).isTrue();
        }
        assertThat(forwarder.flush(Duration.ofSeconds(20))).isTrue();
      }

      List<SentryEvent> events = receiver.events();
      // the first occurrence, then after each flush one summary of the repeats since the last one
      assertThat(events.stream().filter(e -> e.getTag("repeats") == null)).hasSize(1);
      assertThat(events.stream().filter(e -> e.getTag("repeats") != null).map(e -> e.getTag("repeats")))
          .containsExactly(
              String.valueOf(perBatch - 1), String.valueOf(perBatch), String.valueOf(perBatch),
              String.valueOf(perBatch), String.valueOf(perBatch));
      assertThat(events.stream().mapToLong(FloodControlFaultTest::standsFor).sum())
          .isEqualTo((long) batches * perBatch);
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

  @Test
  void fiftyUsersHittingTheSameErrorEachGetTheirOwnEventsWithExactCounts() {
    int users = 50;
    int perUser = 3;
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        LogEventForwarder forwarder =
            FaultHarness.forwarder(
                FaultHarness.settings(receiver, buffer).dedupeWindow(Duration.ofMinutes(5)).build(),
                USER_RULES,
                status)) {
      for (int round = 0; round < perUser; round++) {
        for (int user = 0; user < users; user++) {
          assertThat(forwarder.forward(sameErrorOf("u" + user, round))).isTrue();
        }
      }
      assertThat(forwarder.flush(Duration.ofSeconds(20))).isTrue();

      Map<String, List<SentryEvent>> byUser = byUser(receiver.events());
      assertThat(byUser).hasSize(users);
      byUser.forEach(
          (user, events) -> {
            assertThat(events).as(user).hasSize(2);
            assertThat(events).filteredOn(e -> e.getTag("repeats") == null).as(user).hasSize(1);
            SentryEvent summary =
                events.stream().filter(e -> e.getTag("repeats") != null).findFirst().get();
            assertThat(summary.getTag("repeats")).isEqualTo(String.valueOf(perUser - 1));
            assertThat(number(summary.getExtra("users"))).isEqualTo(1);
          });
      assertThat(receiver.events().stream().mapToLong(FloodControlFaultTest::standsFor).sum())
          .isEqualTo(users * perUser);
    }
  }

  @Test
  void usersBeyondTheBoundAreFoldedIntoOneSummaryCountingRepeatsAndUsersExactly() {
    int bound = RepeatFolder.MAX_USERS_PER_ERROR;
    int beyond = 50;
    int users = bound + beyond;
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        LogEventForwarder forwarder =
            FaultHarness.forwarder(
                FaultHarness.settings(receiver, buffer).dedupeWindow(Duration.ofMinutes(5)).build(),
                USER_RULES,
                status)) {
      for (int round = 0; round < 2; round++) {
        for (int user = 0; user < users; user++) {
          assertThat(forwarder.forward(sameErrorOf("u" + user, round))).isTrue();
        }
      }
      assertThat(forwarder.flush(Duration.ofSeconds(30))).isTrue();

      List<SentryEvent> events = receiver.events();
      Map<String, List<SentryEvent>> byUser = byUser(events);
      for (int user = 0; user < bound; user++) {
        assertThat(byUser.get("u" + user)).as("u" + user).hasSize(2);
      }
      // the first user beyond the bound opens the shared window: sent at once
      assertThat(byUser.get("u" + bound))
          .filteredOn(e -> e.getTag("repeats") == null)
          .hasSize(1);
      List<SentryEvent> shared =
          events.stream()
              .filter(e -> e.getTag("repeats") != null && number(e.getExtra("users")) > 1)
              .collect(Collectors.toList());
      assertThat(shared).hasSize(1);
      // every other occurrence of the users beyond the bound: 2 * 50 - 1, of 50 distinct users
      assertThat(shared.get(0).getTag("repeats")).isEqualTo(String.valueOf(2 * beyond - 1));
      assertThat(number(shared.get(0).getExtra("users"))).isEqualTo(beyond);
      assertThat(events).hasSize(2 * bound + 2);
      assertThat(events.stream().mapToLong(FloodControlFaultTest::standsFor).sum())
          .isEqualTo(2L * users);
    }
  }

  private static final CaptureRules USER_RULES =
      CaptureRules.builder("test").userMdcKey("id", "userId").build();

  /** The same error, logged for one user. */
  private static LogRecord sameErrorOf(String userId, int round) {
    return LogRecord.builder(LogLevel.ERROR, FaultHarness.LOGGER)
        .message("checkout failed", "checkout failed")
        .throwable(new IllegalStateException("payment declined"))
        .contextData(Map.of("userId", userId, "round", String.valueOf(round)))
        .build();
  }

  private static Map<String, List<SentryEvent>> byUser(List<SentryEvent> events) {
    assertThat(events).allSatisfy(e -> assertThat(e.getUser()).isNotNull());
    return events.stream().collect(Collectors.groupingBy(e -> e.getUser().getId()));
  }

  private static int number(Object extra) {
    return extra == null ? 0 : ((Number) extra).intValue();
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
