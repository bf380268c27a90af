package org.sentrybridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.Poll;
import org.sentrybridge.testing.RecordingStatusReporter;

/** SentryBridge.stats(): the figures health checks and meters read. */
class StatsTest {

  @TempDir Path buffer;

  @Test
  void deliveredRejectedAndReachabilityAreCounted() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        SentryService service =
            SentryBridge.start(
                BridgeSettings.builder().dsn(receiver.dsn()).bufferDir(buffer).build(), status)) {
      service.sendError(new IllegalStateException("counted"));
      assertThat(service.flush(Duration.ofSeconds(20))).isTrue();
      BridgeStats delivered = SentryBridge.stats().orElseThrow();
      assertThat(delivered.delivered()).isEqualTo(1);
      assertThat(delivered.queued()).isZero();
      assertThat(delivered.buffered()).isZero();
      assertThat(delivered.droppedTotal()).isZero();
      assertThat(delivered.reachable()).isTrue();

      receiver.respondWithStatus(400);
      service.sendError(new IllegalStateException("refused"));
      Poll.until("the refusal is counted", Duration.ofSeconds(20),
          () -> SentryBridge.stats().orElseThrow().droppedTotal() == 1);
      BridgeStats refused = SentryBridge.stats().orElseThrow();
      assertThat(refused.dropped()).containsOnlyKeys("rejected by Sentry: HTTP 400");
      assertThat(refused.delivered()).isEqualTo(1);

      receiver.rateLimitFor(Duration.ofSeconds(60));
      service.sendError(new IllegalStateException("rate-limited"));
      Poll.until("the rate limit makes Sentry unreachable", Duration.ofSeconds(20),
          () -> !SentryBridge.stats().orElseThrow().reachable());
    }
    assertThat(SentryBridge.stats()).isEmpty();
  }
}
