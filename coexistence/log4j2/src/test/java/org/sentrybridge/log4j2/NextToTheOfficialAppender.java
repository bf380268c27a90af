package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Sentry;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.testing.CoexistenceSteps;

/**
 * Both appenders in one Log4j2 configuration, as during a migration: each error arrives exactly
 * once, one warning says why, no discard is counted in Sentry's client reports, and stopping
 * sentry-bridge leaves the SDK open for the official appender. Each declaration order is its own test class, so its own JVM: the
 * warnings are given once per process. sentry-log4j2 8.43.0 needs io.sentry:sentry 8.43.0, so this
 * also shows sentry-bridge on an SDK below its range: it works, and says so once.
 */
abstract class NextToTheOfficialAppender {

  @TempDir Path buffer;
  private LoggingFixture logging;

  /** The configuration on the test class path. */
  abstract String configuration();

  @AfterEach
  void stop() {
    if (logging != null) {
      logging.close();
    }
    Sentry.close();
  }

  @Test
  void eachErrorArrivesOnceAWarningSaysWhyAndTheSdkOutlivesSentryBridge() {
    logging = LoggingFixture.start(configuration(), buffer);
    Logger log = logging.context.getLogger("com.example.checkout.PaymentService");

    CoexistenceSteps.logErrors(log::error);

    CoexistenceSteps.eachErrorArrivedOnce(logging.receiver, SentryAppender.MECHANISM_TYPE);
    assertThat(logging.status.messagesContaining("official Sentry appender"))
        .singleElement()
        .asString()
        .contains("io.sentry.log4j2.SentryAppender 'Official' also sends errors")
        .contains("sentry-bridge sends each error its appenders take, once");
    // sentry-log4j2 8.43.0 runs only on io.sentry:sentry 8.43.0, below the supported range
    assertThat(logging.status.messagesContaining("is on the class path"))
        .singleElement()
        .asString()
        .contains("io.sentry:sentry 8.43.0 is on the class path, but sentry-bridge supports 8.53.0");
    CoexistenceSteps.noCopyWasDiscarded(logging.receiver);

    // sentry-bridge stops first: the SDK stays open for the official appender, which takes over
    SentryAppender ours = logging.appender("Sentry");
    logging.context.getConfiguration().getRootLogger().removeAppender("Sentry");
    logging.context.updateLoggers();
    assertThat(ours.stop(10, TimeUnit.SECONDS)).isTrue();

    CoexistenceSteps.theOfficialAppenderTakesOver(
        logging.receiver, log::error, SentryAppender.MECHANISM_TYPE);
  }
}
