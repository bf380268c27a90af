package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lines people must see reach the application's own log through the logger {@code
 * org.sentrybridge} as well as the status logger; a bad setting is a warning unless {@code
 * failOnConfigurationError} is set.
 */
class ApplicationLogTest {

  private static final String LOG_PROPERTY = "SENTRY_TEST_LOG";
  private static final String LEVEL_PROPERTY = "SENTRY_TEST_OWN_LEVEL";

  @TempDir Path dir;
  private LoggingFixture logging;

  @AfterEach
  void stop() {
    logging.close();
    System.clearProperty(LOG_PROPERTY);
    System.clearProperty(LEVEL_PROPERTY);
  }

  @Test
  void theNoDsnLineAndConfigurationProblemsAreInTheApplicationsLog() throws Exception {
    Path log = start();

    assertThat(ownLines(log))
        .containsExactlyInAnyOrder(
            "INFO org.sentrybridge SentryBridge appender 'Sentry': sentry-bridge is disabled"
                + " because no Sentry DSN was provided",
            "WARN org.sentrybridge SentryBridge appender 'Broken': queueSize: 'zero' is not a whole"
                + " number. Fix it in <SentryBridge name=\"Broken\">; this appender is not created");
    assertThat(logging.status.messagesContaining("no Sentry DSN was provided")).hasSize(1);
  }

  @Test
  void settingTheLoggerToOffSilencesThemInTheApplicationsLogOnly() throws Exception {
    System.setProperty(LEVEL_PROPERTY, "off");
    Path log = start();

    assertThat(ownLines(log)).isEmpty();
    assertThat(logging.status.messagesContaining("no Sentry DSN was provided")).hasSize(1);
  }

  @Test
  void failOnConfigurationErrorMakesTheProblemAStatusError() {
    logging = LoggingFixture.start("log4j2-test-fail-fast.xml", dir);

    assertThat(logging.status.messages(Level.ERROR))
        .anyMatch(m -> m.startsWith("SentryBridge appender 'Sentry': dsn: 'not-a-dsn' is not a"
            + " valid Sentry DSN"));
    assertThat(logging.status.messages(Level.WARN)).noneMatch(m -> m.contains("not-a-dsn"));
  }

  private Path start() {
    Path log = dir.resolve("application.log");
    System.setProperty(LOG_PROPERTY, log.toString());
    logging = LoggingFixture.start("log4j2-test-applog.xml", dir);
    return log;
  }

  private static List<String> ownLines(Path log) throws Exception {
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(line -> line.contains(" org.sentrybridge "))
        .toList();
  }
}
