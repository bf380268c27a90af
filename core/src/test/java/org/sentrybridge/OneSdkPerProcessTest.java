package org.sentrybridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Sentry;
import io.sentry.SentryEvent;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.RecordingStatusReporter;

class OneSdkPerProcessTest {

  @TempDir Path buffer;

  @Test
  void secondStartWithOtherSettingsReportsEachDifference() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      SentryService one =
          SentryBridge.start(
              BridgeSettings.builder().dsn(receiver.dsn()).bufferDir(buffer).build(), status);
      SentryService two =
          SentryBridge.start(
              BridgeSettings.builder().dsn(receiver.dsn()).bufferDir(buffer)
                  .dedupeWindow("1s").flushTimeout("2s").init("debug", "false").build(),
              status);

      assertThat(status.lines("WARN"))
          .singleElement()
          .asString()
          .contains("already runs with other settings")
          .contains("init: [debug] differ; dedupeWindow: 1s (running: 60s);"
              + " flushTimeout: 2s (running: 5s)");
      two.close();
      one.close();
      assertThat(SentryBridge.find()).isEmpty();
    }
  }

  @Test
  void secondStartWithAnotherDsnIsReportedAndSharesTheFirst() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver first = LoopbackSentryReceiver.start();
        LoopbackSentryReceiver second = LoopbackSentryReceiver.start()) {
      SentryService one =
          SentryBridge.start(BridgeSettings.builder().dsn(first.dsn()).bufferDir(buffer).build(), status);
      SentryService two =
          SentryBridge.start(BridgeSettings.builder().dsn(second.dsn()).bufferDir(buffer).build(), status);

      assertThat(status.lines("WARN"))
          .singleElement()
          .asString()
          .contains("already runs with DSN http://***@127.0.0.1:" + first.port())
          .contains("is ignored (one Sentry per process)");

      two.sendError(new IllegalStateException("via the second handle"));
      assertThat(first.awaitEvents(1, Duration.ofSeconds(20))).hasSize(1);

      one.close();
      assertThat(Sentry.isEnabled()).as("still held by the second handle").isTrue();
      assertThat(two.isEnabled()).isTrue();
      two.sendError(new IllegalStateException("after the first closed"));
      assertThat(first.awaitEvents(2, Duration.ofSeconds(20))).hasSize(2);

      two.close();
      two.close(); // idempotent
      assertThat(Sentry.isEnabled()).as("the last close shuts the SDK").isFalse();
      assertThat(SentryBridge.find()).isEmpty();
      assertThat(second.requestTimes()).isEmpty();
    }
  }

  @Test
  void aSentryTheApplicationInitialisedIsUsedNotReplaced() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver appReceiver = LoopbackSentryReceiver.start();
        LoopbackSentryReceiver bridgeReceiver = LoopbackSentryReceiver.start()) {
      Sentry.init(options -> options.setDsn(appReceiver.dsn()));
      try {
        try (SentryService service =
            SentryBridge.start(
                BridgeSettings.builder().dsn(bridgeReceiver.dsn()).bufferDir(buffer).build(),
                status)) {
          service.sendError(new IllegalStateException("through the app's sentry"));
          SentryEvent event = appReceiver.awaitEvents(1, Duration.ofSeconds(20)).get(0);
          assertThat(event.getExceptions().get(0).getValue()).isEqualTo("through the app's sentry");
        }
        assertThat(status.lines("INFO"))
            .singleElement()
            .asString()
            .startsWith("Sentry was already initialised by the application");
        assertThat(Sentry.isEnabled()).as("the application's Sentry stays open").isTrue();
        assertThat(bridgeReceiver.requestTimes()).isEmpty();
      } finally {
        Sentry.close();
      }
    }
  }
}
