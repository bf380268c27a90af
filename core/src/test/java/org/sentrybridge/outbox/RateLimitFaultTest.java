package org.sentrybridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.testing.FaultHarness.ARRIVAL_TIMEOUT;

import io.sentry.DataCategory;
import io.sentry.transport.RateLimiter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.SentryService;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.FaultHarness;
import org.sentrybridge.testing.Poll;
import org.sentrybridge.testing.RecordingStatusReporter;

/**
 * A 429 drops its envelope without a client report and stops the category it names until the
 * limit ends: what is captured meanwhile is dropped before sending (client report {@code
 * ratelimit_backoff}), as the SDK does; after the limit, new events flow.
 */
class RateLimitFaultTest {

  private static final Duration RETRY_AFTER = Duration.ofSeconds(3);
  private static final Duration SETTLE = Duration.ofSeconds(20);

  @TempDir Path buffer;

  @Test
  void a429StopsItsCategoryUntilTheLimitEndsThenNewEventsFlow() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    int duringLimit = 20;
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        SentryService service =
            SentryBridge.start(FaultHarness.settings(receiver, buffer).build(), status)) {
      // taken before the receiver starts limiting, so it is never later than the receiver's end
      Instant limitEnds = Instant.now().plus(RETRY_AFTER);
      receiver.rateLimitFor(RETRY_AFTER, "error");
      service.sendError(new IllegalStateException("answered 429"));
      assertThat(service.flush(SETTLE)).isTrue();
      RateLimiter limiter = service.getInstance().orElseThrow().getRateLimiter();
      assertThat(limiter.isActiveForCategory(DataCategory.Error)).isTrue();

      for (int i = 0; i < duringLimit; i++) {
        service.sendError(new IllegalStateException("during the limit #" + i));
      }
      assertThat(service.flush(SETTLE)).isTrue();
      assertThat(Instant.now()).as("the test ran within the limit").isBefore(limitEnds);
      assertThat(receiver.requestTimes()).as("only the request answered 429").hasSize(1);

      Poll.until(
          "the rate limit ends", SETTLE, () -> !limiter.isActiveForCategory(DataCategory.Error));
      List<String> after = FaultHarness.messages("after the limit", 10);
      for (String message : after) {
        service.sendError(new IllegalStateException(message));
      }
      receiver.awaitEvents(after.size(), ARRIVAL_TIMEOUT);
      assertThat(service.flush(SETTLE)).isTrue();

      assertThat(receiver.events())
          .map(RejectionFaultTest::exceptionValue)
          .containsExactlyInAnyOrderElementsOf(after);
      assertThat(receiver.acceptedTimes()).allMatch(t -> !t.isBefore(limitEnds));
      assertThat(receiver.discardedEvents())
          .as("none for the envelope answered 429, one per event dropped during the limit")
          .singleElement()
          .satisfies(
              d ->
                  RejectionFaultTest.assertDiscarded(
                      d, "ratelimit_backoff", "error", duringLimit));
      FaultHarness.figures(
          "429 Retry-After 3s (category error)",
          "requests before the limit ended=1, dropped during the limit=" + duringLimit
              + ", delivered after it=" + receiver.events().size() + " of " + after.size());
    }
    assertThat(status.lines("WARN"))
        .containsExactly(
            "1 event rejected by Sentry: HTTP 429",
            duringLimit + " events dropped: " + Dispatcher.RATE_LIMITED);
  }
}
