package org.sentrybridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.internal.BridgeRuntime;
import org.sentrybridge.testing.RecordingStatusReporter;

/** The reset every test suite gets after each test (RuntimeReset) leaves nothing running. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuntimeResetTest {

  /** Started by the first test and never closed there. */
  private static SentryService leaked;

  @TempDir Path buffer;

  @Test
  @Order(1)
  void aTestThatForgetsToCloseItsHandle() {
    leaked =
        SentryBridge.start(
            BridgeSettings.builder().dsn("http://key@127.0.0.1:9/1").bufferDir(buffer).build(),
            new RecordingStatusReporter());

    assertThat(SentryBridge.find()).isPresent();
  }

  @Test
  @Order(2)
  void theNextTestFindsNothingRunning() {
    assertThat(leaked).isNotNull();
    assertThat(SentryBridge.find()).as("closed by RuntimeReset after the test before").isEmpty();
    assertThat(leaked.isEnabled()).isFalse();
  }

  @Test
  @Order(3)
  void aForgottenHandleIsClosedAndTheNextStartIsAFreshOne() {
    try (LoopbackSentryReceiver first = LoopbackSentryReceiver.start();
        LoopbackSentryReceiver second = LoopbackSentryReceiver.start()) {
      SentryService forgotten =
          SentryBridge.start(
              BridgeSettings.builder().dsn(first.dsn()).bufferDir(buffer.resolve("a")).build(),
              new RecordingStatusReporter());
      SentryBridge.off("a test turned it off", new RecordingStatusReporter());
      assertThat(forgotten.isEnabled()).isTrue();

      assertThat(BridgeRuntime.reset()).isEqualTo(2);

      assertThat(SentryBridge.find()).isEmpty();
      assertThat(forgotten.isEnabled()).isFalse();
      RecordingStatusReporter status = new RecordingStatusReporter();
      try (SentryService fresh =
          SentryBridge.start(
              BridgeSettings.builder().dsn(second.dsn()).bufferDir(buffer.resolve("b")).build(),
              status)) {
        assertThat(status.lines("WARN")).isEmpty(); // not "already runs with DSN ..."
        fresh.sendError(new IllegalStateException("after the reset"));
        assertThat(second.awaitEvents(1, Duration.ofSeconds(20))).hasSize(1);
      }
      forgotten.close(); // closing it late changes nothing
      assertThat(BridgeRuntime.reset()).isZero();
    }
  }
}
