package org.sentrybridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BridgeSettingsTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    BridgeSettings settings = BridgeSettings.builder().build();

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.dsn()).isNull();
    assertThat(settings.sendMetadata()).isTrue();
    assertThat(settings.init()).isEmpty();
    assertThat(settings.queueSize()).isEqualTo(10_000);
    assertThat(settings.maxBufferedEvents()).isEqualTo(2_000);
    assertThat(settings.maxBufferBytes()).isEqualTo(100L * 1024 * 1024);
    assertThat(settings.maxRequestsInFlight()).isEqualTo(32);
    assertThat(settings.dedupeWindow()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.flushTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.problems()).isEmpty();
  }

  @Test
  void theDefaultBufferDirectoryIsPerUserAndPerDsn() {
    BridgeSettings settings = BridgeSettings.builder().build();
    Path root =
        Path.of(System.getProperty("java.io.tmpdir"))
            .resolve("sentry-bridge-" + System.getProperty("user.name"));

    assertThat(settings.bufferDirFor("https://a@h/1").getParent()).isEqualTo(root);
    assertThat(settings.bufferDirFor("https://a@h/1"))
        .isNotEqualTo(settings.bufferDirFor("https://a@h/2"));
    assertThat(BridgeSettings.builder().bufferDir("/var/x").build().bufferDirFor("https://a@h/1"))
        .isEqualTo(Path.of("/var/x"));
  }

  @Test
  void textSettersParseTheirValues() {
    BridgeSettings settings =
        BridgeSettings.builder()
            .enabled("FALSE")
            .sendMetadata("false")
            .queueSize("500")
            .maxBufferedEvents("1_000")
            .maxBufferBytes("64MB")
            .maxRequestsInFlight("4")
            .dedupeWindow("2m")
            .flushTimeout("PT3S")
            .build();

    assertThat(settings.enabled()).isFalse();
    assertThat(settings.sendMetadata()).isFalse();
    assertThat(settings.queueSize()).isEqualTo(500);
    assertThat(settings.maxBufferedEvents()).isEqualTo(1000);
    assertThat(settings.maxBufferBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(settings.maxRequestsInFlight()).isEqualTo(4);
    assertThat(settings.dedupeWindow()).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.flushTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.problems()).isEmpty();
  }

  @Test
  void eachBadValueGivesOneMessageNamingItsSetting() {
    BridgeSettings settings =
        BridgeSettings.builder()
            .enabled("yes please")
            .sendMetadata("maybe")
            .queueSize("many")
            .maxBufferBytes("lots")
            .maxRequestsInFlight("0")
            .dedupeWindow("soon")
            .flushTimeout("-5s")
            .build();

    assertThat(settings.problems())
        .hasSize(7)
        .anySatisfy(p -> assertThat(p).startsWith("enabled: 'yes please' is not true or false"))
        .anySatisfy(p -> assertThat(p).startsWith("sendMetadata: 'maybe'"))
        .anySatisfy(p -> assertThat(p).startsWith("queueSize: 'many' is not a whole number"))
        .anySatisfy(p -> assertThat(p).startsWith("maxBufferBytes: 'lots'"))
        .anySatisfy(
            p -> assertThat(p).isEqualTo("maxRequestsInFlight: 0 is below the minimum of 1"))
        .anySatisfy(p -> assertThat(p).startsWith("dedupeWindow: 'soon'"))
        .anySatisfy(p -> assertThat(p).startsWith("flushTimeout: '-5s' must not be negative"));
  }

  @Test
  void maxRequestsInFlightHasAnUpperBound() {
    BridgeSettings settings = BridgeSettings.builder().maxRequestsInFlight("100000").build();

    assertThat(settings.problems())
        .containsExactly("maxRequestsInFlight: 100000 must be between 1 and 256");
  }

  @Test
  void malformedDsnIsOneClearProblemWithoutItsKeys() {
    BridgeSettings settings =
        BridgeSettings.builder().dsn("https://publickey:topsecret@/42").build();

    assertThat(settings.problems()).hasSize(1);
    assertThat(settings.problems().get(0))
        .startsWith("dsn: 'https://***@/42' is not a valid Sentry DSN: the host is missing")
        .doesNotContain("topsecret")
        .doesNotContain("publickey");
  }

  @Test
  void dsnWithoutProjectIdOrKeyIsRejected() {
    assertThat(BridgeSettings.builder().dsn("https://key@sentry.example.com").build().problems())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("project id");
    assertThat(BridgeSettings.builder().dsn("https://sentry.example.com/1").build().problems())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("public key");
    assertThat(BridgeSettings.builder().dsn("ftp://key@sentry.example.com/1").build().problems())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("https://");
  }

  @Test
  void portOutOfRangeIsAProblemNamingTheMaskedDsn() {
    BridgeSettings settings =
        BridgeSettings.builder().dsn("http://secretkey@127.0.0.1:99999/1").build();

    assertThat(settings.problems())
        .containsExactly(
            "dsn: 'http://***@127.0.0.1:99999/1' is not a valid Sentry DSN: the port 99999 is not"
                + " between 1 and 65535 (expected https://<key>@<host>/<project id>)");
    assertThat(BridgeSettings.builder().dsn("http://k@127.0.0.1:0/1").build().problems())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("the port 0 is not between 1 and 65535");
    assertThat(BridgeSettings.builder().dsn("http://k@127.0.0.1:65535/1").build().problems())
        .isEmpty();
  }

  @Test
  void unresolvedPlaceholdersCountAsNoDsnNotAsMalformed() {
    assertThat(BridgeSettings.builder().dsn("${SENTRY_DSN}").build().problems()).isEmpty();
    assertThat(BridgeSettings.builder().dsn("${env:SENTRY_DSN}").build().problems()).isEmpty();
    assertThat(BridgeSettings.builder().dsn("SENTRY_DSN_IS_UNDEFINED").build().problems())
        .isEmpty();
    assertThat(Dsns.isAbsent("${SENTRY_DSN}")).isTrue();
    assertThat(Dsns.isAbsent("SENTRY_DSN_IS_UNDEFINED")).isTrue();
    assertThat(Dsns.isAbsent("  ")).isTrue();
    assertThat(Dsns.isAbsent("https://k@h/1")).isFalse();
  }

  @Test
  void unknownInitKeyAndBadInitValuesNameTheKey() {
    BridgeSettings settings =
        BridgeSettings.builder()
            .init("tracesSampleRate", "a lot")
            .init("tracesSampleRat", "0.2")
            .init("debug", "sometimes")
            .init("maxBreadcrumbs", "ten")
            .build();

    assertThat(settings.problems())
        .containsExactlyInAnyOrder(
            "init.tracesSampleRate: 'a lot' is not a number",
            "init.tracesSampleRat is not a Sentry SDK option (for example: environment, release,"
                + " serverName, tracesSampleRate, inAppIncludes, tags.<name>, maxBreadcrumbs)",
            "init.debug: 'sometimes' is not true or false",
            "init.maxBreadcrumbs: 'ten' is not a whole number");
  }

  @Test
  void toStringMasksTheDsn() {
    String text =
        BridgeSettings.builder().dsn("https://abc123:s3cr3t@o1.ingest.sentry.io/5").build().toString();

    assertThat(text).contains("https://***@o1.ingest.sentry.io/5");
    assertThat(text).doesNotContain("s3cr3t").doesNotContain("abc123");
  }
}
