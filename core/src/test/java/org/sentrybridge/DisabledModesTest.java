package org.sentrybridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Sentry;
import io.sentry.protocol.SentryId;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.RecordingStatusReporter;

class DisabledModesTest {

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "${SENTRY_DSN}", "${env:SENTRY_DSN}", "SENTRY_DSN_IS_UNDEFINED"})
  void noDsnMeansPresentButSilentWithExactlyOneInfoLine(String dsn) {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        SentryService service =
            SentryBridge.start(BridgeSettings.builder().dsn(dsn).build(), status)) {

      SentryId id = service.sendError(new IllegalStateException("nobody hears this"));

      assertThat(id).isEqualTo(SentryId.EMPTY_ID);
      assertThat(service.isEnabled()).isFalse();
      assertThat(service.getInstance()).isEmpty();
      assertThat(service.flush(Duration.ofSeconds(1))).isTrue();
      assertThat(SentryBridge.find()).isPresent();
      assertThat(SentryBridge.find().get().isEnabled()).isFalse();
      assertThat(Sentry.isEnabled()).isFalse();
      assertThat(receiver.requestTimes()).isEmpty();
      assertThat(status.lines())
          .containsExactly("INFO sentry-bridge is disabled because no Sentry DSN was provided");
    }
    assertThat(SentryBridge.find()).isEmpty();
  }

  @Test
  void enabledFalseTurnsEverythingOff() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        SentryService service =
            SentryBridge.start(
                BridgeSettings.builder().enabled(false).dsn(receiver.dsn()).build(), status)) {

      assertThat(SentryBridge.find()).isEmpty();
      assertThat(service.isEnabled()).isFalse();
      assertThat(service.getInstance()).isEmpty();
      assertThat(service.sendError(new IllegalStateException("off"))).isEqualTo(SentryId.EMPTY_ID);
      assertThat(Sentry.isEnabled()).isFalse();
      assertThat(receiver.requestTimes()).isEmpty();
      assertThat(status.lines()).containsExactly("INFO sentry-bridge is turned off (enabled=false)");
    }
  }

  @Test
  void invalidSettingsGiveOneWarningEachAndAWorkingDisabledService() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        SentryService service =
            SentryBridge.start(
                BridgeSettings.builder()
                    .dsn(receiver.dsn())
                    .init("tracesSampleRate", "often")
                    .sendMetadata("perhaps")
                    .build(),
                status)) {

      assertThat(service.sendError(new IllegalStateException("x"))).isEqualTo(SentryId.EMPTY_ID);
      assertThat(service.isEnabled()).isFalse();
      assertThat(status.lines("ERROR")).isEmpty();
      assertThat(status.lines("WARN"))
          .containsExactlyInAnyOrder(
              "sendMetadata: 'perhaps' is not true or false; sentry-bridge stays disabled",
              "init.tracesSampleRate: 'often' is not a number; sentry-bridge stays disabled");
      assertThat(receiver.requestTimes()).isEmpty();
    }
  }

  @Test
  void failOnConfigurationErrorMakesTheProblemsErrors() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (SentryService service =
        SentryBridge.start(
            BridgeSettings.builder()
                .dsn("not-a-dsn")
                .failOnConfigurationError("true")
                .build(),
            status)) {
      assertThat(service.isEnabled()).isFalse();
    }
    assertThat(status.lines("WARN")).isEmpty();
    assertThat(status.lines("ERROR"))
        .singleElement()
        .satisfies(line -> assertThat(line).startsWith("dsn: 'not-a-dsn' is not a valid Sentry DSN"));
  }

  @Test
  void aValueTheSdkRefusesIsReportedByItsKeyAndNothingStarts() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        SentryService service =
            SentryBridge.start(
                BridgeSettings.builder().dsn(receiver.dsn()).init("sampleRate", "5").build(),
                status)) {
      assertThat(service.isEnabled()).isFalse();
      assertThat(Sentry.isEnabled()).isFalse();
    }
    assertThat(status.lines("WARN"))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith("init.sampleRate: '5' is refused by the Sentry SDK: ")
                    .endsWith("; sentry-bridge stays disabled"));
  }
}
