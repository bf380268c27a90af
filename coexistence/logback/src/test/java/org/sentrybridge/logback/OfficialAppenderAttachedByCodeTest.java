package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import io.sentry.Sentry;
import io.sentry.SentryOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sentrybridge.testing.CoexistenceSteps;

/**
 * The official appender attached to the root logger by code after the configuration and after
 * the first log lines, as a Sentry integration does once the application has started: it gets
 * sentry-bridge's filter at the first error, before it sees that error, so each error still
 * arrives exactly once.
 */
class OfficialAppenderAttachedByCodeTest {

  @RegisterExtension final LogbackFixture logging = new LogbackFixture();

  @AfterEach
  void closeTheSdk() {
    Sentry.close();
  }

  @Test
  void eachErrorArrivesExactlyOnce() {
    logging.open("bridge-only.xml");
    Logger log = logging.logback.logger("com.example.checkout.PaymentService");
    log.info("the application runs before the integration attaches its appender");
    io.sentry.logback.SentryAppender official = new io.sentry.logback.SentryAppender();
    official.setName("ADDED");
    official.setContext(logging.logback.logger(Logger.ROOT_LOGGER_NAME).getLoggerContext());
    SentryOptions options = new SentryOptions();
    options.setDsn(logging.receiver.dsn());
    official.setOptions(options);
    official.start();
    logging.logback.logger(Logger.ROOT_LOGGER_NAME).addAppender(official);

    CoexistenceSteps.logErrors(log::error);

    CoexistenceSteps.eachErrorArrivedOnce(logging.receiver, SentryAppender.MECHANISM_TYPE);
    assertThat(logging.logback.statusLines("WARN"))
        .filteredOn(m -> m.contains("official Sentry appender"))
        .singleElement()
        .asString()
        .contains("io.sentry.logback.SentryAppender [ADDED] also sends errors");
    CoexistenceSteps.noCopyWasDiscarded(logging.receiver);
  }
}
