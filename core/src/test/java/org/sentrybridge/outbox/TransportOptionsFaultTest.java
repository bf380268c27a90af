package org.sentrybridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.testing.FaultHarness.ARRIVAL_TIMEOUT;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.LogEventForwarder;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.FaultHarness;
import org.sentrybridge.testing.Poll;
import org.sentrybridge.testing.RecordingStatusReporter;

/** The SDK's transport options, given as {@code init} options, reach the outbox's requests. */
class TransportOptionsFaultTest {

  @TempDir Path buffer;

  @Test
  void eventsGoThroughTheConfiguredProxy() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    List<String> messages = FaultHarness.messages("via proxy", 5);
    try (LoopbackSentryReceiver proxy = LoopbackSentryReceiver.start();
        LogEventForwarder forwarder =
            FaultHarness.forwarder(
                BridgeSettings.builder()
                    .dsn("http://loopbackkey@127.0.0.1:1/1") // nothing listens there
                    .bufferDir(buffer)
                    .flushTimeout("1s")
                    .init("proxy.host", "127.0.0.1")
                    .init("proxy.port", String.valueOf(proxy.port()))
                    .build(),
                status)) {
      for (String message : messages) {
        forwarder.forward(FaultHarness.distinctError(message));
      }
      proxy.awaitEvents(messages.size(), ARRIVAL_TIMEOUT);
      assertThat(forwarder.flush(Duration.ofSeconds(20))).isTrue();

      assertThat(FaultHarness.arrivals(proxy).keySet())
          .containsExactlyInAnyOrderElementsOf(messages);
      assertThat(proxy.requestTargets()).allMatch(t -> t.startsWith("http://127.0.0.1:1/api/1/"));
    }
  }

  @Test
  void aReadTimeoutIsANetworkFailureTheEventIsKeptAndDeliveredLater() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        LogEventForwarder forwarder =
            FaultHarness.forwarder(
                FaultHarness.settings(receiver, buffer)
                    .init("readTimeoutMillis", "200")
                    .init("connectionTimeoutMillis", "200")
                    .build(),
                status)) {
      receiver.delayAnswers(Duration.ofSeconds(2));
      forwarder.forward(FaultHarness.distinctError("answered too late"));
      Poll.until(
          "the request times out and is sent again",
          Duration.ofSeconds(20),
          () -> receiver.requestTimes().size() >= 2);
      assertThat(forwarder.flush(Duration.ofMillis(100))).as("still kept").isFalse();

      receiver.delayAnswers(Duration.ZERO);
      assertThat(forwarder.flush(Duration.ofSeconds(20))).isTrue();

      // the receiver kept what it answered too late: at least once, as over any network
      assertThat(FaultHarness.arrivals(receiver)).containsKey("answered too late");
      assertThat(receiver.discardedEvents()).isEmpty();
      assertThat(status.lines("WARN")).isEmpty();
    }
  }
}
