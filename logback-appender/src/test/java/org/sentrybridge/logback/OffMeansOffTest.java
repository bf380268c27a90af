package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.protocol.SentryId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.SentryService;
import org.sentrybridge.devserver.LoopbackSentryReceiver;

/**
 * With a DSN in the environment (here {@code -Dsentry.dsn}, read by the SDK like {@code
 * SENTRY_DSN}), a {@code logback.xml} that turns sentry-bridge off, by {@code enabled=false} or by
 * an invalid setting, keeps errors sent by hand from going out too.
 */
class OffMeansOffTest {

  private LoopbackSentryReceiver receiver;
  private ConfiguredContext logback;
  private String savedDsn;

  @BeforeEach
  void dsnInTheEnvironment() {
    receiver = LoopbackSentryReceiver.start();
    savedDsn = System.getProperty("sentry.dsn");
    System.setProperty("sentry.dsn", receiver.dsn());
  }

  @AfterEach
  void stop() {
    logback.close();
    SentryBridge.find().ifPresent(SentryService::close); // a default integration, if one started
    if (savedDsn == null) {
      System.clearProperty("sentry.dsn");
    } else {
      System.setProperty("sentry.dsn", savedDsn);
    }
    receiver.close();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "off.xml       | sentry-bridge is turned off (enabled=false)",
        "bad-queue.xml | the configuration of the Sentry appender [SENTRY] has errors"
      })
  void sendErrorSendsNothingAndSaysWhyOnce(String resource, String reason) {
    logback = new ConfiguredContext(resource, Map.of());

    SentryId first = SentryBridge.service().sendError(new RuntimeException("by hand"));
    SentryId second = SentryBridge.service().sendError(new RuntimeException("by hand again"));
    logback.logger("com.example.checkout").error("logged", new IllegalStateException("x"));

    assertThat(first).isEqualTo(SentryId.EMPTY_ID);
    assertThat(second).isEqualTo(SentryId.EMPTY_ID);
    assertThat(SentryBridge.service().isEnabled()).isFalse();
    String why =
        "SentryBridge.service() sends nothing: " + reason + "; nothing is started from"
            + " SENTRY_DSN, -Dsentry.dsn or sentry.properties until a valid configuration starts"
            + " sentry-bridge";
    assertThat(logback.statusLines("INFO")).containsOnlyOnce(why);
    assertThat(logback.ownLines("LIST")).containsOnlyOnce("INFO " + why);
    assertThat(logback.statusLines()).noneMatch(line -> line.contains("sends errors to"));
    assertThat(logback.statusLines("ERROR")).isEmpty();
    logback.close();
    assertThat(receiver.requestTimes()).isEmpty();
  }
}
