package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bad setting gives one actionable status warning (never an error: a bad Sentry setting must
 * not stop an application); the rest of the configuration loads.
 */
class ConfigurationErrorsTest {

  /** Appender name in log4j2-test-invalid.xml to the setting its error must name. */
  private static final Map<String, String> BROKEN =
      Map.ofEntries(
          Map.entry("BadEnabled", "enabled"),
          Map.entry("BadSendMetadata", "sendMetadata"),
          Map.entry("BadEventLevel", "minimumEventLevel"),
          Map.entry("BadRequireThrowable", "requireThrowable"),
          Map.entry("BadBreadcrumbLevel", "minimumBreadcrumbLevel"),
          Map.entry("BadUserKeys", "userMdcKeys"),
          Map.entry("BadMaxBreadcrumbs", "maxBreadcrumbs"),
          Map.entry("BadQueueSize", "queueSize"),
          Map.entry("BadMaxBufferedEvents", "maxBufferedEvents"),
          Map.entry("BadMaxBufferBytes", "maxBufferBytes"),
          Map.entry("BadDedupeWindow", "dedupeWindow"),
          Map.entry("BadFlushTimeout", "flushTimeout"),
          Map.entry("BadDsn", "dsn"),
          Map.entry(
              "BadDsnPort",
              "dsn: 'http://***@sentry.example.com:99999/1' is not a valid Sentry DSN: the port"
                  + " 99999 is not between 1 and 65535"),
          Map.entry("BadMaxRequestsInFlight", "maxRequestsInFlight"),
          Map.entry("BadOptionName", "tracesSampleRat"),
          Map.entry("BadOptionValue", "tracesSampleRate"));

  @TempDir Path buffer;
  private LoggingFixture logging;

  @BeforeEach
  void start() {
    logging = LoggingFixture.start("log4j2-test-invalid.xml", buffer);
  }

  @AfterEach
  void stop() {
    logging.close();
  }

  @Test
  void everyBadSettingIsReportedByNameAndItsAppenderIsNotCreated() {
    // Log4j2 adds its own "Null object returned for SentryBridge" error, and starts all the same
    assertThat(logging.status.messages(Level.ERROR)).noneMatch(m -> m.contains("SentryBridge appender"));
    List<String> errors = logging.status.messages(Level.WARN);
    BROKEN.forEach(
        (appender, setting) -> {
          assertThat(errors)
              .as("status error for %s", appender)
              .filteredOn(m -> m.startsWith("SentryBridge appender '" + appender + "': "))
              .singleElement()
              .satisfies(m -> assertThat(m).contains(setting)
                  .contains("Fix it in <SentryBridge name=\"" + appender + "\">"));
          assertThat(logging.context.getConfiguration().<SentryAppender>getAppender(appender))
              .as(appender).isNull();
        });
  }

  @Test
  void theRestOfTheConfigurationStillLoads() {
    Configuration configuration = logging.context.getConfiguration();
    assertThat(configuration.getAppenders()).containsOnlyKeys("Console");
    assertThat(configuration.getRootLogger().getAppenders()).containsOnlyKeys("Console");
    assertThat(logging.context.getRootLogger().isInfoEnabled()).isTrue();
  }

  @Test
  void theDsnSecretAppearsInNoStatusMessage() {
    assertThat(logging.status.messagesContaining("sentry.example.com")).isNotEmpty();
    assertThat(logging.status.messagesContaining("topsecretkey")).isEmpty();
  }
}
