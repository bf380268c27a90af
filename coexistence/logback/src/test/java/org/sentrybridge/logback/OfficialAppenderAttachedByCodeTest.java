package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.logback.LogbackFixture.WAIT;

import ch.qos.logback.classic.Logger;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
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
 * The official appender attached to the root logger by code after the configuration and after
 * the first log lines, as a Sentry integration does once the application has started: it gets
 * sentry-bridge's filter at the first error, before it sees that error, so each error still
 * arrives exactly once.
 */
class OfficialAppenderAttachedByCodeTest {

  @RegisterExtension final LogbackFixture logging = new LogbackFixture();

  private static final int ERRORS = 3;
  private static final String MESSAGE_ONLY = "a message-only error, which sentry-bridge leaves alone";

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

    for (int i = 0; i < ERRORS; i++) {
      log.error("payment " + i + " failed", new IllegalStateException("card declined " + i));
    }
    log.error(MESSAGE_ONLY);

    logging.receiver.awaitEvents(ERRORS + 1, WAIT);
    assertThat(SentryBridge.service().flush(Duration.ofSeconds(10))).isTrue();
    Sentry.flush(10_000);
    Map<String, List<SentryEvent>> byMessage =
        logging.receiver.events().stream()
            .collect(Collectors.groupingBy(e -> e.getMessage().getFormatted(), Collectors.toList()));
    assertThat(byMessage).hasSize(ERRORS + 1);
    assertThat(byMessage.values()).allSatisfy(events -> assertThat(events).hasSize(1));
    for (int i = 0; i < ERRORS; i++) {
      assertThat(
              byMessage.get("payment " + i + " failed").get(0).getExceptions().get(0)
                  .getMechanism().getType())
          .isEqualTo(SentryAppender.MECHANISM_TYPE);
    }
    assertThat(logging.logback.statusLines("WARN"))
        .filteredOn(m -> m.contains("official Sentry appender"))
        .singleElement()
        .asString()
        .contains("io.sentry.logback.SentryAppender [ADDED] also sends errors");

    SentryId last = Sentry.captureMessage("carries the SDK's pending client reports");
    logging.receiver.awaitEvent(e -> last.equals(e.getEventId()), WAIT);
    assertThat(logging.receiver.discardedEvents())
        .noneMatch(d -> DiscardReason.EVENT_PROCESSOR.getReason().equals(d.getReason()));
  }
}
