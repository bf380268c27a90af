package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import io.sentry.Sentry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sentrybridge.testing.CoexistenceSteps;

/**
 * Both appenders on one Logback context, as during a migration: each error arrives exactly once,
 * one warning says why, no discard is counted in Sentry's client reports, and stopping
 * sentry-bridge leaves the SDK open for the official appender. Each declaration order is its own test class, so its own JVM: the
 * warning is given once per process.
 */
abstract class NextToTheOfficialAppender {

  @RegisterExtension final LogbackFixture logging = new LogbackFixture();

  /** The configuration under {@code /logback/}. */
  abstract String configuration();

  @AfterEach
  void closeWhatTheOfficialAppenderStarted() {
    Sentry.close();
  }

  @Test
  void eachErrorArrivesOnceAWarningSaysWhyAndTheSdkOutlivesSentryBridge() {
    logging.open(configuration());
    Logger log = logging.logback.logger("com.example.checkout.PaymentService");

    CoexistenceSteps.logErrors(log::error);

    CoexistenceSteps.eachErrorArrivedOnce(logging.receiver, SentryAppender.MECHANISM_TYPE);
    assertThat(logging.logback.statusLines("WARN"))
        .filteredOn(m -> m.contains("official Sentry appender"))
        .singleElement()
        .asString()
        .contains("io.sentry.logback.SentryAppender [OFFICIAL] also sends errors")
        .contains("sentry-bridge sends each error its appenders take, once");
    assertThat(logging.logback.statusLines()).noneMatch(m -> m.contains("is on the class path"));
    CoexistenceSteps.noCopyWasDiscarded(logging.receiver);

    // sentry-bridge stops first: the SDK stays open for the official appender, which takes over
    SentryAppender ours = logging.logback.sentryAppender();
    logging.logback.logger(Logger.ROOT_LOGGER_NAME).detachAppender(ours);
    ours.stop();

    CoexistenceSteps.theOfficialAppenderTakesOver(
        logging.receiver, log::error, SentryAppender.MECHANISM_TYPE);
  }
}
