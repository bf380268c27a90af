package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.logback.LogbackFixture.WAIT;

import io.sentry.SentryEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sentrybridge.testing.Poll;

/**
 * The lines people must see reach the application's own log (here a ListAppender standing for the
 * console) through the logger {@code org.sentrybridge}, as well as Logback's status channel, and
 * never come back to Sentry.
 */
class ApplicationLogTest {

  @RegisterExtension final LogbackFixture logging = new LogbackFixture();

  private static final String NO_DSN = "sentry-bridge is disabled because no Sentry DSN was provided";

  @Test
  void theNoDsnLineIsInTheApplicationsLog() {
    logging.logback = new ConfiguredContext("readme.xml", Map.of());

    assertThat(logging.logback.ownLines("CONSOLE")).containsExactly("INFO " + NO_DSN);
    assertThat(logging.logback.statusLines("INFO")).containsOnlyOnce(NO_DSN);
  }

  @Test
  void settingTheLoggerToOffSilencesThemInTheApplicationsLogOnly() {
    logging.logback = new ConfiguredContext("readme.xml", Map.of("SENTRY_BRIDGE_LEVEL", "OFF"));

    assertThat(logging.logback.ownLines("CONSOLE")).isEmpty();
    assertThat(logging.logback.statusLines("INFO")).containsOnlyOnce(NO_DSN);
  }

  @Test
  void runtimeWarningsAreInTheApplicationsLogAndNeverSentToSentry() throws Exception {
    Path notADirectory = Files.createFile(logging.buffer.resolve("a-file"));
    Map<String, String> properties = new HashMap<>();
    properties.put("SENTRY_DSN", logging.receiver.dsn());
    properties.put("BUFFER_DIR", notADirectory.toString());
    properties.put("QUEUE_SIZE", "1");
    logging.logback = new ConfiguredContext("readme.xml", properties);

    for (int i = 0; i < 200; i++) {
      logging.logback.logger("com.example.burst").error("burst " + i, new IllegalStateException("b" + i));
    }

    Poll.until("a drop report in the application's log", WAIT,
        () -> logging.logback.ownLines("CONSOLE").stream().anyMatch(l -> l.contains("dropped: queue full")));
    List<String> lines = logging.logback.ownLines("CONSOLE");
    assertThat(lines)
        .anyMatch(l -> l.startsWith("WARN the buffer directory " + notADirectory + " cannot be used"))
        .anyMatch(l -> l.startsWith("WARN ") && l.contains(" dropped: queue full"));
    assertThat(logging.logback.statusLines("WARN"))
        .anyMatch(l -> l.startsWith("the buffer directory " + notADirectory + " cannot be used"))
        .anyMatch(l -> l.contains(" dropped: queue full"));
    logging.logback.close();
    assertThat(logging.receiver.events()).isNotEmpty()
        .extracting(SentryEvent::getLogger).containsOnly("com.example.burst");
  }

  @Test
  void whatTheLoggerOrgSentrybridgeLogsIsNeverSentToSentry() {
    logging.open("message-only.xml");

    logging.logback.logger("org.sentrybridge").error("sentry-bridge's own line", new IllegalStateException("own"));
    logging.logback.logger("org.sentrybridge.delivery").error("below it", new IllegalStateException("own"));
    logging.logback.logger("org.sentrybridgex").error("a neighbour", new IllegalStateException("app"));

    assertThat(logging.receiver.awaitEvents(1, WAIT).get(0).getLogger()).isEqualTo("org.sentrybridgex");
    logging.logback.close();
    assertThat(logging.receiver.events()).extracting(SentryEvent::getLogger).containsExactly("org.sentrybridgex");
  }
}
