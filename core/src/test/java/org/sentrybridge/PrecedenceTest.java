package org.sentrybridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.SentryEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.RecordingStatusReporter;

/**
 * Explicit setting, then system property {@code sentry.*}, then {@code SENTRY_*} environment, then
 * {@code sentry.properties}. The environment cannot be changed from inside a test JVM; it sits
 * between the two sources tested here in the SDK's own provider chain.
 */
class PrecedenceTest {

  @TempDir Path dir;
  private final Map<String, String> savedProperties = new HashMap<>();

  @AfterEach
  void restoreSystemProperties() {
    savedProperties.forEach(
        (key, value) -> {
          if (value == null) {
            System.clearProperty(key);
          } else {
            System.setProperty(key, value);
          }
        });
  }

  private void setProperty(String key, String value) {
    savedProperties.putIfAbsent(key, System.getProperty(key));
    System.setProperty(key, value);
  }

  private Path propertiesFile(String content) throws IOException {
    Path file = dir.resolve("sentry.properties");
    Files.writeString(file, content);
    return file;
  }

  @Test
  void dsnFromSentryPropertiesIsUsedWhenNothingElseGivesOne() throws IOException {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      setProperty(
          "sentry.properties.file",
          propertiesFile("dsn=" + receiver.dsn() + "\nenvironment=from-file\n").toString());

      SentryEvent event = sendOne(receiver, BridgeSettings.builder());

      assertThat(event.getEnvironment()).isEqualTo("from-file");
    }
  }

  @Test
  void systemPropertyBeatsSentryProperties() throws IOException {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      setProperty(
          "sentry.properties.file",
          propertiesFile("dsn=https://k@nowhere.invalid/1\nenvironment=from-file\n").toString());
      setProperty("sentry.dsn", receiver.dsn());
      setProperty("sentry.environment", "from-system-property");

      SentryEvent event = sendOne(receiver, BridgeSettings.builder());

      assertThat(event.getEnvironment()).isEqualTo("from-system-property");
    }
  }

  @Test
  void explicitSettingsBeatSystemProperties() {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      setProperty("sentry.dsn", "https://k@nowhere.invalid/1");
      setProperty("sentry.environment", "from-system-property");
      setProperty("sentry.release", "from-system-property");

      SentryEvent event =
          sendOne(
              receiver,
              BridgeSettings.builder()
                  .dsn(receiver.dsn())
                  .environment("explicit")
                  .init("release", "explicit-init"));

      assertThat(event.getEnvironment()).isEqualTo("explicit");
      assertThat(event.getRelease()).isEqualTo("explicit-init");
    }
  }

  @Test
  void unresolvedPlaceholderFallsBackToTheSdkSources() {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      setProperty("sentry.dsn", receiver.dsn());

      SentryEvent event = sendOne(receiver, BridgeSettings.builder().dsn("${SENTRY_DSN}"));

      assertThat(event.getExceptions().get(0).getValue()).isEqualTo("precedence");
    }
  }

  private SentryEvent sendOne(LoopbackSentryReceiver receiver, BridgeSettings.Builder settings) {
    try (SentryService service =
        SentryBridge.start(
            settings.bufferDir(dir.resolve("buffer")).build(), new RecordingStatusReporter())) {
      assertThat(service.isEnabled()).isTrue();
      service.sendError(new IllegalStateException("precedence"));
      return receiver.awaitEvents(1, Duration.ofSeconds(20)).get(0);
    }
  }
}
