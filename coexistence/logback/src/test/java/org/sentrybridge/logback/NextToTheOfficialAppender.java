package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.logback.LogbackFixture.WAIT;

import ch.qos.logback.classic.Logger;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.clientreport.DiscardReason;
import io.sentry.protocol.SentryId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sentrybridge.SentryBridge;

/**
 * Both appenders on one Logback context, as during a migration: each error arrives exactly once,
 * one warning says why, no discard is counted in Sentry's client reports, and stopping
 * sentry-bridge leaves the SDK open for the official appender. Each declaration order is its own test class, so its own JVM: the
 * warning is given once per process.
 */
abstract class NextToTheOfficialAppender {

  @RegisterExtension final LogbackFixture logging = new LogbackFixture();

  private static final int ERRORS = 3;
  private static final String MESSAGE_ONLY = "a message-only error, which sentry-bridge leaves alone";

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

    assertThat(logging.logback.statusLines("WARN"))
        .filteredOn(m -> m.contains("official Sentry appender"))
        .singleElement()
        .asString()
        .contains("io.sentry.logback.SentryAppender [OFFICIAL] also sends errors")
        .contains("sentry-bridge sends each error its appenders take, once");
    assertThat(logging.logback.statusLines()).noneMatch(m -> m.contains("is on the class path"));

    // the official appender's copies were never made: no discard is counted in Sentry
    SentryId last = Sentry.captureMessage("carries the SDK's pending client reports");
    logging.receiver.awaitEvent(e -> last.equals(e.getEventId()), WAIT);
    assertThat(logging.receiver.discardedEvents())
        .noneMatch(d -> DiscardReason.EVENT_PROCESSOR.getReason().equals(d.getReason()));

    // sentry-bridge stops first: the SDK stays open for the official appender, which takes over
    Logger root = logging.logback.logger(Logger.ROOT_LOGGER_NAME);
    SentryAppender ours = logging.logback.sentryAppender();
    root.detachAppender(ours);
    ours.stop();

    assertThat(Sentry.isEnabled()).as("the official appender still runs on the SDK").isTrue();
    log.error("sent by the official appender", new IllegalStateException("card declined again"));
    SentryEvent event =
        logging.receiver.awaitEvent(
            e -> "sent by the official appender".equals(e.getMessage().getFormatted()), WAIT);
    assertThat(event.getExceptions().get(0).getMechanism().getType()).isNotEqualTo(
        SentryAppender.MECHANISM_TYPE);
    assertThat(logging.receiver.events()).hasSize(ERRORS + 3);
  }

}
