package org.sentrybridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.config.Dsns;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.RecordingStatusReporter;

class DsnSecrecyTest {

  private static final String SECRET = "verysecretkey42";

  @TempDir Path buffer;

  @Test
  void malformedDsnMessageHidesTheKeys() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (SentryService ignored =
        SentryBridge.start(
            BridgeSettings.builder().dsn("https://pub:" + SECRET + "@sentry.example.com/").build(),
            status)) {
      assertThat(status.lines("WARN")).hasSize(1);
    }
    assertThat(String.join("\n", status.lines())).doesNotContain(SECRET).doesNotContain("pub:");
  }

  @Test
  void startAndSecondStartMessagesHideTheKeys() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      String first = receiver.dsn().replace("loopbackkey", "pub:" + SECRET);
      String second = "https://other:" + SECRET + "@o1.ingest.sentry.io/9";
      try (SentryService one = SentryBridge.start(BridgeSettings.builder().dsn(first).build(), status);
          SentryService two =
              SentryBridge.start(BridgeSettings.builder().dsn(second).build(), status)) {
        assertThat(status.lines("WARN")).hasSize(1);
        assertThat(one.isEnabled()).isTrue();
        assertThat(two.isEnabled()).isTrue();
      }
    }
    assertThat(status.lines()).isNotEmpty();
    assertThat(String.join("\n", status.lines())).doesNotContain(SECRET).doesNotContain("other:");
  }

  @Test
  void aPortOutOfRangeIsAConfigurationErrorNamingTheMaskedDsn() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (SentryService service =
        SentryBridge.start(
            BridgeSettings.builder().dsn("http://" + SECRET + "@127.0.0.1:99999/1").build(),
            status)) {
      assertThat(service.isEnabled()).isFalse();
    }
    assertThat(status.lines("WARN"))
        .containsExactly(
            "dsn: 'http://***@127.0.0.1:99999/1' is not a valid Sentry DSN: the port 99999 is not"
                + " between 1 and 65535 (expected https://<key>@<host>/<project id>); sentry-bridge"
                + " stays disabled");
  }

  @Test
  void theSdksDebugOutputShowsTheDsnMasked() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream standardOut = System.out;
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      String dsn = receiver.dsn().replace("loopbackkey", "pub:" + SECRET);
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      try (SentryService service =
          SentryBridge.start(
              BridgeSettings.builder().dsn(dsn).bufferDir(buffer).init("debug", "true").build(),
              new RecordingStatusReporter())) {
        service.sendError(new IllegalStateException("with the SDK's debug output on"));
        receiver.awaitEvents(1, Duration.ofSeconds(20));
      } finally {
        System.setOut(standardOut);
      }
    }
    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(output).contains("DEBUG: ").contains("http://***@127.0.0.1:");
    assertThat(output).doesNotContain(SECRET).doesNotContain("pub:");
  }

  @Test
  void maskAllHidesTheKeysOfEveryUrlInAText() {
    assertThat(Dsns.maskAll("DSN 'https://a:" + SECRET + "@h/1', proxy http://u@p:8080/"))
        .isEqualTo("DSN 'https://***@h/1', proxy http://***@p:8080/");
  }

  @Test
  void maskHidesUserInfoOfAnyString() {
    assertThat(Dsns.mask("https://a:" + SECRET + "@h/1")).isEqualTo("https://***@h/1");
    assertThat(Dsns.mask(SECRET + "@h")).isEqualTo("***@h");
    assertThat(Dsns.mask("just-some-long-garbage-" + SECRET)).doesNotContain(SECRET);
  }
}
