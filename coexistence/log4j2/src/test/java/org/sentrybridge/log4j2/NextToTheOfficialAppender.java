package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.clientreport.DiscardReason;
import io.sentry.protocol.SentryId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.SentryBridge;

/**
 * Both appenders in one Log4j2 configuration, as during a migration: each error arrives exactly
 * once, one warning says why, no discard is counted in Sentry's client reports, and stopping
 * sentry-bridge leaves the SDK open for the official appender. Each declaration order is its own test class, so its own JVM: the
 * warnings are given once per process. sentry-log4j2 8.43.0 needs io.sentry:sentry 8.43.0, so this
 * also shows sentry-bridge on an SDK below its range: it works, and says so once.
 */
abstract class NextToTheOfficialAppender {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int ERRORS = 3;
  private static final String MESSAGE_ONLY = "a message-only error, which sentry-bridge leaves alone";

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
    for (int i = 0; i < ERRORS; i++) {
      log.error("payment " + i + " failed", new IllegalStateException("card declined " + i));
    }
    log.error(MESSAGE_ONLY);

    logging.receiver.awaitEvents(ERRORS + 1, WAIT);
    // both ends delivered everything they had: nothing more can arrive
    assertThat(SentryBridge.service().flush(Duration.ofSeconds(10))).isTrue();
    Sentry.flush(10_000);

    Map<String, List<SentryEvent>> byMessage =
        logging.receiver.events().stream()
            .collect(Collectors.groupingBy(e -> e.getMessage().getFormatted(), Collectors.toList()));
    assertThat(byMessage).hasSize(ERRORS + 1);
    assertThat(byMessage.values()).allSatisfy(events -> assertThat(events).hasSize(1));
    // the errors sentry-bridge takes come from it; the official appender keeps the rest
    for (int i = 0; i < ERRORS; i++) {
      SentryEvent event = byMessage.get("payment " + i + " failed").get(0);
      assertThat(event.getExceptions().get(0).getMechanism().getType())
          .isEqualTo(SentryAppender.MECHANISM_TYPE);
    }
    assertThat(byMessage.get(MESSAGE_ONLY).get(0).getExceptions()).isNullOrEmpty();

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

    // the official appender's copies were never made: no discard is counted in Sentry
    SentryId last = Sentry.captureMessage("carries the SDK's pending client reports");
    logging.receiver.awaitEvent(e -> last.equals(e.getEventId()), WAIT);
    assertThat(logging.receiver.discardedEvents())
        .noneMatch(d -> DiscardReason.EVENT_PROCESSOR.getReason().equals(d.getReason()));

    // sentry-bridge stops first: the SDK stays open for the official appender, which takes over
    SentryAppender ours = logging.appender("Sentry");
    logging.context.getConfiguration().getRootLogger().removeAppender("Sentry");
    logging.context.updateLoggers();
    assertThat(ours.stop(10, TimeUnit.SECONDS)).isTrue();

    assertThat(Sentry.isEnabled()).as("the official appender still runs on the SDK").isTrue();
    log.error("sent by the official appender", new IllegalStateException("card declined again"));
    SentryEvent event =
        logging.receiver.awaitEvent(
            e -> "sent by the official appender".equals(e.getMessage().getFormatted()), WAIT);
    assertThat(event.getExceptions().get(0).getMechanism().getType())
        .isNotEqualTo(SentryAppender.MECHANISM_TYPE);
    assertThat(logging.receiver.events()).hasSize(ERRORS + 3);
  }
}
