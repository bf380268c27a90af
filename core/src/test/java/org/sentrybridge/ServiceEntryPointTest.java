package org.sentrybridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.protocol.SentryId;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.RecordingStatusReporter;

class ServiceEntryPointTest {

  @TempDir Path buffer;

  @Test
  void serviceIsNeverNullAndFollowsTheRunningIntegration() {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      try (SentryService appenderHandle =
          SentryBridge.start(
              BridgeSettings.builder().dsn(receiver.dsn()).bufferDir(buffer).build(),
              new RecordingStatusReporter())) {
        SentryService shared = SentryBridge.service();
        assertThat(SentryBridge.find()).containsSame(shared);
        assertThat(shared.isEnabled()).isTrue();
        assertThat(shared.getInstance()).isPresent();

        SentryId id = shared.sendError(new IllegalStateException("by hand"));

        assertThat(receiver.awaitEvents(1, Duration.ofSeconds(20)).get(0).getEventId()).isEqualTo(id);
        shared.close(); // the shared view does not close what an appender holds
        assertThat(appenderHandle.isEnabled()).isTrue();
      }
    }
  }

  @Test
  void serviceWithNothingConfiguredStartsFromTheSdkSourcesAndIsSafeToUse() {
    String saved = System.getProperty("sentry.dsn");
    System.clearProperty("sentry.dsn");
    try {
      SentryService service = SentryBridge.service();
      assertThat(service).isNotNull();
      assertThat(service.isEnabled()).isFalse();
      assertThat(service.sendError(new IllegalStateException("nowhere"))).isEqualTo(SentryId.EMPTY_ID);
      assertThat(SentryBridge.find()).isPresent();
      service.close();
      assertThat(SentryBridge.find()).isEmpty();
    } finally {
      if (saved != null) {
        System.setProperty("sentry.dsn", saved);
      }
    }
  }

  @Test
  void anAppenderStartingAfterAnEarlyServiceCallTakesOverWithItsOwnSettings() {
    String saved = System.getProperty("sentry.dsn");
    System.clearProperty("sentry.dsn");
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      SentryService early = SentryBridge.service(); // e.g. from a static initialiser
      assertThat(early.isEnabled()).isFalse();

      try (SentryService appender =
          SentryBridge.start(
              BridgeSettings.builder().dsn(receiver.dsn()).bufferDir(buffer).build(), status)) {
        assertThat(early.isEnabled()).isTrue();
        SentryId id = early.sendError(new IllegalStateException("after the takeover"));
        assertThat(receiver.awaitEvents(1, Duration.ofSeconds(20)).get(0).getEventId())
            .isEqualTo(id);
        assertThat(status.lines("WARN")).isEmpty();
      }
      early.close();
      assertThat(SentryBridge.find()).isEmpty();
    } finally {
      if (saved != null) {
        System.setProperty("sentry.dsn", saved);
      }
    }
  }
}
