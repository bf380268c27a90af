package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.core.status.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Spring Boot checks a Logback configuration by looking for any status of level ERROR after it
 * configured the context, and aborts start-up if it finds one. A bad Sentry setting must not do
 * that, unless the application asks for it with {@code failOnConfigurationError=true}.
 */
class StartUpNeverBlockedTest {

  @RegisterExtension final LogbackFixture logging = new LogbackFixture();

  private static final String PROBLEM =
      "Sentry appender [SENTRY]: dsn: 'not-a-dsn' is not a valid Sentry DSN: it must start with"
          + " https:// or http:// (expected https://<key>@<host>/<project id>); correct that"
          + " element, the appender is not started";

  @Test
  void aBadDsnIsOneWarningAndTheApplicationGoesOn() {
    logging.logback = new ConfiguredContext("bad-dsn.xml", Map.of());

    assertThat(errorsAsSpringBootSeesThem()).isEmpty();
    assertThat(logging.logback.statusLines("WARN")).containsExactly(PROBLEM);
    assertThat(logging.logback.ownLines("LIST")).containsExactly("WARN " + PROBLEM);
    logging.logback.logger("com.example.app").info("started");
    assertThat(logging.logback.listed("LIST")).extracting(e -> e.getFormattedMessage()).contains("started");
  }

  @Test
  void failOnConfigurationErrorMakesItAnErrorThatStopsSuchLoaders() {
    logging.logback = new ConfiguredContext("bad-dsn.xml", Map.of("FAIL_FAST", "true"));

    assertThat(errorsAsSpringBootSeesThem()).containsExactly(PROBLEM);
    assertThat(logging.logback.statusLines("WARN")).isEmpty();
  }

  /** What Spring Boot's LogbackLoggingSystem collects before it fails start-up. */
  private List<String> errorsAsSpringBootSeesThem() {
    List<String> errors = new ArrayList<>();
    for (Status status : logging.logback.context.getStatusManager().getCopyOfStatusList()) {
      if (status.getLevel() == Status.ERROR) {
        errors.add(status.getMessage());
      }
    }
    return errors;
  }
}
