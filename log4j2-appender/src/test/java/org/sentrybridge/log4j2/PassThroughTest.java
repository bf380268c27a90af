package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Without a DSN, or turned off, the appender starts, says so once, and sends nothing. */
class PassThroughTest {

  @TempDir Path buffer;
  private LoggingFixture logging;

  @AfterEach
  void stop() {
    logging.close();
  }

  @Test
  void unresolvedDsnPlaceholderMeansNoDsnWithOneInfoLine() {
    logging = LoggingFixture.start("log4j2-test-no-dsn.xml", buffer);
    SentryAppender appender = logging.appender("Sentry");
    assertThat(appender.isStarted()).isTrue();
    assertThat(appender.manager().forwarder().isEnabled()).isFalse();

    logging.context.getLogger("no.dsn").error("not sent", new IllegalStateException());
    LoggerFactory.getLogger("no.dsn").error("not sent either", new IllegalStateException());
    logging.stopLogging();

    assertThat(logging.status.messagesContaining("no Sentry DSN was provided"))
        .singleElement()
        .satisfies(m -> assertThat(m).startsWith("SentryBridge appender 'Sentry': "));
    assertThat(logging.status.messages(Level.INFO))
        .filteredOn(m -> m.contains("no Sentry DSN was provided")).hasSize(1);
    assertThat(logging.status.messages(Level.ERROR)).isEmpty();
    assertThat(logging.receiver.envelopeCount()).isZero();
  }

  @Test
  void enabledFalseSendsNothingEvenWithAValidDsn() {
    logging = LoggingFixture.start("log4j2-test-disabled.xml", buffer);
    assertThat(logging.appender("Sentry").isStarted()).isTrue();

    logging.context.getLogger("disabled").error("not sent", new IllegalStateException());
    logging.stopLogging();

    assertThat(logging.status.messagesContaining("turned off (enabled=false)")).hasSize(1);
    assertThat(logging.receiver.envelopeCount()).isZero();
  }
}
