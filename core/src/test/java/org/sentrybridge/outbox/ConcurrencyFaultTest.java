package org.sentrybridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.testing.FaultHarness.ARRIVAL_TIMEOUT;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.LogEventForwarder;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.FaultHarness;
import org.sentrybridge.testing.RecordingStatusReporter;

/** A slow Sentry is sent to several requests at a time, never more than maxRequestsInFlight. */
class ConcurrencyFaultTest {

  @TempDir Path buffer;

  @Test
  void requestsAwaitTheirAnswersInParallelUpToTheSetting() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    List<String> messages = FaultHarness.messages("in parallel", 24);
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        LogEventForwarder forwarder =
            FaultHarness.forwarder(
                FaultHarness.settings(receiver, buffer).maxRequestsInFlight(4).build(), status)) {
      receiver.delayAnswers(Duration.ofMillis(200));
      for (String message : messages) {
        forwarder.forward(FaultHarness.distinctError(message));
      }
      receiver.awaitEvents(messages.size(), ARRIVAL_TIMEOUT);
      assertThat(forwarder.flush(Duration.ofSeconds(20))).isTrue();

      assertThat(FaultHarness.arrivals(receiver).keySet())
          .containsExactlyInAnyOrderElementsOf(messages);
      assertThat(receiver.maxRequestsInFlight()).isBetween(2, 4);
      assertThat(receiver.connectionCount()).isLessThan(messages.size());
      FaultHarness.figures(
          "200 ms per answer, maxRequestsInFlight=4",
          "delivered=" + receiver.events().size() + " most requests in flight="
              + receiver.maxRequestsInFlight() + " connections=" + receiver.connectionCount());
    }
  }
}
