package org.sentrybridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.SentryEvent;
import io.sentry.protocol.SentryId;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.RecordingStatusReporter;

class SendErrorDeliveryTest {

  @TempDir Path buffer;

  @Test
  void sendErrorArrivesWithConfiguratorTagsAndMetadata() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        SentryService service =
            SentryBridge.start(
                BridgeSettings.builder().dsn(receiver.dsn()).bufferDir(buffer).build(), status)) {
      SentryId id =
          service.sendError(
              new IllegalStateException("boom"), (scope, scopes) -> scope.setTag("team", "core"));

      SentryEvent event = receiver.awaitEvents(1, Duration.ofSeconds(20)).get(0);
      assertThat(event.getEventId()).isEqualTo(id);
      assertThat(event.getExceptions()).hasSize(1);
      assertThat(event.getExceptions().get(0).getType()).isEqualTo("IllegalStateException");
      assertThat(event.getExceptions().get(0).getValue()).isEqualTo("boom");
      assertThat(event.getTag("team")).isEqualTo("core");
      assertThat(event.getContexts().getOperatingSystem()).isNotNull();
      assertThat(event.getContexts().getRuntime()).isNotNull();
      assertThat(event.getServerName()).isNotBlank();
      assertThat(event.getSdk().getIntegrationSet()).contains("SentryBridge");
      assertThat(event.getSdk().getPackageSet())
          .anySatisfy(p -> assertThat(p.getName()).isEqualTo("maven:org.sentrybridge:sentry-bridge-core"));
    }
  }

  @Test
  void aCountingReceiverCountsArrivedEventsWithoutKeepingThem() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        SentryService service =
            SentryBridge.start(
                BridgeSettings.builder().dsn(receiver.dsn()).bufferDir(buffer).build(), status)) {
      receiver.countOnly();
      service.sendError(new IllegalStateException("first"));
      service.sendError(new IllegalArgumentException("second"));

      assertThat(service.flush(Duration.ofSeconds(20))).isTrue();
      assertThat(receiver.eventCount()).isEqualTo(2);
      assertThat(receiver.events()).isEmpty();
    }
  }
}
