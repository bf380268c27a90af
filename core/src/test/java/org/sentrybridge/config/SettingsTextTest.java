package org.sentrybridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.LogLevel;

class SettingsTextTest {

  @Test
  void eachDocumentedDefaultParsesToTheDefaultItStandsFor() {
    SettingsText.Parsed defaults = new SettingsText().parse("test");
    for (Setting setting : Setting.values()) {
      if (setting.defaultText() == null) {
        continue;
      }
      SettingsText.Parsed parsed =
          new SettingsText().set(setting, setting.defaultText()).parse("test");

      assertThat(parsed).as(setting.settingName()).isEqualTo(defaults);
    }
    assertThat(defaults.problems()).isEmpty();
  }

  @Test
  void appenderSettingsBecomeTheCaptureRules() {
    SettingsText.Parsed parsed =
        new SettingsText()
            .set(Setting.MINIMUM_EVENT_LEVEL, "warning")
            .set(Setting.REQUIRE_THROWABLE, "false")
            .set(Setting.MINIMUM_BREADCRUMB_LEVEL, "OFF")
            .set(Setting.MAX_BREADCRUMBS, "5000")
            .set(Setting.CONTEXT_TAGS, "request.*, tenant")
            .set(Setting.CONTEXT_TAGS, "region")
            .set(Setting.USER_MDC_KEYS, "id=userId, IP=clientIp")
            .set(Setting.IGNORED_EXCEPTIONS, "java.io.IOException")
            .set(Setting.IGNORED_LOGGERS, "com.example.noisy")
            .parse("logback");
    CaptureRules rules = parsed.rules();

    assertThat(parsed.problems()).isEmpty();
    assertThat(rules.minimumEventLevel()).isEqualTo(LogLevel.WARN);
    assertThat(rules.requireThrowable()).isFalse();
    assertThat(rules.minimumBreadcrumbLevel()).isNull();
    assertThat(rules.maxBreadcrumbs()).isEqualTo(1000);
    assertThat(rules.contextTags()).containsExactly("request.*", "tenant", "region");
    assertThat(rules.isContextTag("request.id")).isTrue();
    assertThat(rules.isContextTag("requestid")).isFalse();
    assertThat(rules.userMdcKeys()).containsExactly(
        Map.entry("id", "userId"), Map.entry("ipAddress", "clientIp"));
    assertThat(rules.ignoredExceptions()).containsExactly("java.io.IOException");
    assertThat(rules.ignoredLoggers()).containsExactly("com.example.noisy");
    assertThat(rules.mechanismType()).isEqualTo("logback");
  }

  @Test
  void aSingleSettingGivenTwiceKeepsTheLastText() {
    SettingsText.Parsed parsed =
        new SettingsText().set(Setting.DEDUPE_WINDOW, "soon").set(Setting.DEDUPE_WINDOW, "2s")
            .parse("test");

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.settings().dedupeWindow()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void badAppenderSettingsAreProblemsNamingTheSetting() {
    SettingsText.Parsed parsed =
        new SettingsText()
            .set(Setting.MINIMUM_EVENT_LEVEL, "loud")
            .set(Setting.REQUIRE_THROWABLE, "perhaps")
            .set(Setting.MAX_BREADCRUMBS, "-1")
            .set(Setting.USER_MDC_KEYS, "id, shoeSize=size")
            .set(Setting.INIT, "=0.2")
            .parse("test");

    assertThat(parsed.problems())
        .containsExactly(
            "init: '=0.2' is not name=value (for example"
                + " <init>tracesSampleRate=0.2, serverName=api-1</init>)",
            "minimumEventLevel: 'loud' is not a level (TRACE, DEBUG, INFO, WARN, ERROR, FATAL, OFF)",
            "requireThrowable: 'perhaps' is not true or false",
            "maxBreadcrumbs: -1 is below the minimum of 0",
            "userMdcKeys: 'id' is not field=mdcKey (fields: [id, email, ipAddress, username])",
            "userMdcKeys: 'shoeSize' is not a user field ([id, email, ipAddress, username])");
  }

  @Test
  void sdkOptionsComeFromTheInitTextAndFromNamedOptions() {
    BridgeSettings settings =
        new SettingsText()
            .set(Setting.INIT, "tracesSampleRate=0.2, inAppIncludes=com.example,org.acme")
            .option("serverName", "api-1")
            .parse("test")
            .settings();

    assertThat(settings.init()).containsExactly(
        Map.entry("tracesSampleRate", "0.2"), Map.entry("inAppIncludes", "com.example,org.acme"),
        Map.entry("serverName", "api-1"));
  }

  @Test
  void theIdentityChangesWithEverySettingAndNeverHoldsTheDsn() {
    String dsn = "https://publickey:secret@o1.ingest.sentry.io/5";
    SettingsText base = new SettingsText().set(Setting.DSN, dsn);
    String identity = base.identity();

    assertThat(new SettingsText().set(Setting.DSN, dsn).identity()).isEqualTo(identity);
    assertThat(identity).doesNotContain("publickey").doesNotContain("secret");
    for (Setting setting : Setting.values()) {
      String changed = new SettingsText().set(Setting.DSN, dsn).set(setting, "x").identity();
      assertThat(changed).as(setting.settingName()).isNotEqualTo(identity);
    }
    assertThat(new SettingsText().set(Setting.DSN, dsn).option("debug", "true").identity())
        .isNotEqualTo(identity);
  }

  @Test
  void differencesNameEverySettingThatDiffersWithTheDsnKeyMasked() {
    BridgeSettings running =
        BridgeSettings.builder().dsn("https://one:s1@o1.ingest.sentry.io/1")
            .init("tracesSampleRate", "0.1").init("debug", "true").build();
    BridgeSettings next =
        BridgeSettings.builder().dsn("https://two:s2@o1.ingest.sentry.io/2")
            .sendMetadata(false).dedupeWindow(Duration.ofMillis(1500)).bufferDir("/var/buffer")
            .init("tracesSampleRate", "0.5").init("debug", "true").init("serverName", "api-1")
            .build();

    Map<Setting, String> differences = next.differencesFrom(running);

    assertThat(differences.values())
        .containsExactly(
            "dsn: https://***@o1.ingest.sentry.io/2 (running: https://***@o1.ingest.sentry.io/1)",
            "sendMetadata: false (running: true)",
            "init: [tracesSampleRate, serverName] differ",
            "bufferDir: /var/buffer (running: none)",
            "dedupeWindow: 1500ms (running: 60s)");
    assertThat(running.differencesFrom(running)).isEmpty();
  }
}
