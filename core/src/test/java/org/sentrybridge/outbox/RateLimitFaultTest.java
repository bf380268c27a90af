package org.sentrybridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.testing.FaultHarness.ARRIVAL_TIMEOUT;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.LogEventForwarder;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.FaultHarness;
import org.sentrybridge.testing.RecordingStatusReporter;

class RateLimitFaultTest {

  private static final Duration RETRY_AFTER = Duration.ofSeconds(3);

  @TempDir Path buffer;

  @Test
  void afterA429NothingIsSentBeforeRetryAfterAndEverythingArrivesLater() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        LogEventForwarder forwarder =
            FaultHarness.forwarder(FaultHarness.settings(receiver, buffer).build(), status)) {
      // taken before the receiver starts limiting, so it is never later than the receiver's end
      Instant limitEnds = Instant.now().plus(RETRY_AFTER);
      receiver.rateLimitFor(RETRY_AFTER);
      List<String> messages = FaultHarness.messages("rate limited", 100);
      for (String message : messages) {
        assertThat(forwarder.forward(FaultHarness.distinctError(message))).isTrue();
      }

      receiver.awaitEvents(messages.size(), ARRIVAL_TIMEOUT);
      assertThat(forwarder.flush(Duration.ofSeconds(20))).isTrue();

      List<Instant> requests = receiver.requestTimes();
      List<Instant> early = requests.stream().filter(t -> t.isBefore(limitEnds)).toList();
      assertThat(early).as("only the request that was answered 429").hasSize(1);
      assertThat(receiver.acceptedTimes()).allMatch(t -> !t.isBefore(limitEnds));
      Map<String, Integer> arrivals = FaultHarness.arrivals(receiver);
      assertThat(arrivals.keySet()).containsExactlyInAnyOrderElementsOf(messages);
      assertThat(FaultHarness.duplicates(arrivals)).isZero();
      FaultHarness.figures(
          "429 Retry-After 3s",
          "requests before the limit ended=" + early.size() + " first request after it="
              + Duration.between(limitEnds, requests.get(1)).toMillis() + "ms late, delivered="
              + arrivals.size() + " duplicates=" + FaultHarness.duplicates(arrivals));
    }
  }
}
