package org.sentrybridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.protocol.SentryId;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.RecordingStatusReporter;

/**
 * A configuration that turns sentry-bridge off ({@code enabled=false}, invalid settings) keeps
 * {@code SentryBridge.service()} from starting its own integration from the environment (here
 * {@code -Dsentry.dsn}, which the SDK reads like {@code SENTRY_DSN}) while it holds.
 */
class OffMeansOffTest {

  @TempDir Path buffer;
  private LoopbackSentryReceiver receiver;
  private String savedDsn;

  @BeforeEach
  void dsnInTheEnvironment() {
    receiver = LoopbackSentryReceiver.start();
    savedDsn = System.getProperty("sentry.dsn");
    System.setProperty("sentry.dsn", receiver.dsn());
  }

  @AfterEach
  void restore() {
    SentryBridge.find().ifPresent(SentryService::close); // a default integration, if one started
    restore("sentry.dsn", savedDsn);
    receiver.close();
  }

  @Test
  void enabledFalseKeepsTheServiceFromStartingFromTheEnvironment() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (SentryService off =
        SentryBridge.start(BridgeSettings.builder().enabled(false).build(), status)) {

      SentryId id = SentryBridge.service().sendError(new IllegalStateException("by hand"));
      SentryBridge.service().sendError(new IllegalStateException("by hand, again"));

      assertThat(id).isEqualTo(SentryId.EMPTY_ID);
      assertThat(SentryBridge.service().isEnabled()).isFalse();
      assertThat(SentryBridge.find()).isEmpty();
      assertThat(status.lines("INFO"))
          .containsExactly(
              "sentry-bridge is turned off (enabled=false)",
              "SentryBridge.service() sends nothing: sentry-bridge is turned off (enabled=false);"
                  + " nothing is started from SENTRY_DSN, -Dsentry.dsn or sentry.properties until"
                  + " a valid configuration starts sentry-bridge");
      assertThat(SentryBridge.service().flush(Duration.ofMillis(100))).isTrue();
      assertThat(receiver.requestTimes()).isEmpty();
    }
  }

  @Test
  void invalidSettingsKeepTheServiceFromStartingFromTheEnvironment() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (SentryService invalid =
        SentryBridge.start(BridgeSettings.builder().queueSize("-5").build(), status)) {

      assertThat(SentryBridge.service().sendError(new IllegalStateException("by hand")))
          .isEqualTo(SentryId.EMPTY_ID);

      assertThat(status.lines("WARN"))
          .containsExactly(
              "queueSize: -5 is below the minimum of 1; sentry-bridge stays disabled");
      assertThat(status.lines("INFO"))
          .containsExactly(
              "SentryBridge.service() sends nothing: its configuration has errors (reported when"
                  + " it started); nothing is started from SENTRY_DSN, -Dsentry.dsn or"
                  + " sentry.properties until a valid configuration starts sentry-bridge");
      assertThat(receiver.requestTimes()).isEmpty();
    }
  }

  @Test
  void whenTheConfigurationThatTurnedItOffIsGoneTheServiceStartsAgain() {
    SentryBridge.start(BridgeSettings.builder().enabled(false).build(), new RecordingStatusReporter())
        .close();

    SentryId id = SentryBridge.service().sendError(new IllegalStateException("by hand"));

    assertThat(id).isNotEqualTo(SentryId.EMPTY_ID);
    assertThat(receiver.awaitEvents(1, Duration.ofSeconds(20)).get(0).getEventId()).isEqualTo(id);
  }

  @Test
  void aValidConfigurationStartingLiftsTheSwitch() {
    SentryService off =
        SentryBridge.start(
            BridgeSettings.builder().enabled(false).build(), new RecordingStatusReporter());
    SentryBridge.start(
            BridgeSettings.builder().dsn(receiver.dsn()).bufferDir(buffer).build(),
            new RecordingStatusReporter())
        .close();

    // nothing runs now, and the switch is lifted: the service starts from -Dsentry.dsn again
    assertThat(SentryBridge.service().isEnabled()).isTrue();
    off.close();
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
