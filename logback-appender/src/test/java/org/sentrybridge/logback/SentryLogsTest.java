package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.logback.LogbackFixture.WAIT;
import static org.sentrybridge.testing.SentryLogs.attributes;
import static org.sentrybridge.testing.SentryLogs.droppedCount;
import static org.sentrybridge.testing.SentryLogs.flushUntilCount;
import static org.sentrybridge.testing.SentryLogs.flushUntilLogged;

import ch.qos.logback.classic.Logger;
import io.sentry.Sentry;
import io.sentry.SentryLogEvent;
import io.sentry.SentryLogLevel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.testing.SentryLogs;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * Sentry Logs through the Logback appender: log lines at or above {@code minimumLevel} arrive at
 * the loopback receiver as {@code log} envelope items, batched, with the fields the official
 * appender sends and the logging thread's trace.
 */
class SentryLogsTest {

  @RegisterExtension final LogbackFixture logging = new LogbackFixture();

  private static final String LOGGER = "com.example.shop.Checkout";

  @Test
  void aLogLineBecomesAStructuredSentryLogEntryLinkedToTheLoggingThreadsTrace() {
    logging.open("logs.xml");
    Logger log = logging.logback.logger(LOGGER);
    Marker billing = MarkerFactory.getDetachedMarker("BILLING");

    Map<String, Object> attributes =
        SentryLogs.aLogLineBecomesAStructuredEntryLinkedToItsTrace(
            logging.receiver,
            WAIT,
            "auto.log.logback",
            LOGGER,
            () -> {
              MDC.put("request.id", "r-7");
              MDC.put("tenant", "acme");
              MDC.put("session", "s-1");
              log.atInfo().addMarker(billing).addKeyValue("orderId", 42).log("order {} paid", 42);
              MDC.clear();
            });

    assertThat(attributes).containsEntry("orderId", "42");
  }

  @Test
  void anErrorKeepsTheWholeMdcAndLogEntriesOnlyTheContextTags() {
    logging.open("logs.xml");
    Logger log = logging.logback.logger(LOGGER);

    SentryLogs.anErrorKeepsTheWholeContextAndLogEntriesOnlyTheContextTags(
        logging.receiver,
        WAIT,
        () -> {
          MDC.put("request.id", "r-9");
          MDC.put("tenant", "acme");
          MDC.put("session", "s-2");
          log.info("order {} shipped", 7);
          log.error("payment failed", new IllegalStateException("declined"));
          MDC.clear();
        });
  }

  @Test
  void eachEntryCarriesItsOwnLoggerThreadTemplateAndParameters() {
    logging.open("logs.xml");
    Logger orders = logging.logback.logger("com.example.shop.Orders");
    Logger carts = logging.logback.logger("com.example.shop.Carts");

    SentryLogs.eachEntryCarriesItsOwnLoggerThreadTemplateAndParameters(
        logging.receiver, WAIT, orders.getName(), orders::info, carts.getName(), carts::info);
  }

  @Test
  void aLineThatIsAlsoABreadcrumbJoinsOnlyItsOwnThreadsError() {
    logging.open("logs.xml");
    Logger log = logging.logback.logger(LOGGER);

    SentryLogs.aLineThatIsAlsoABreadcrumbJoinsOnlyItsOwnThreadsError(
        logging.receiver,
        WAIT,
        log::info,
        message -> log.error(message, new IllegalStateException("declined")));
  }

  @Test
  void theLoggingThreadsScopeEventProcessorsRunForItsEntriesOnly() {
    logging.open("logs.xml");
    Logger log = logging.logback.logger(LOGGER);

    SentryLogs.theLoggingThreadsScopeEventProcessorsRunForItsEntriesOnly(
        logging.receiver, WAIT, log::info);
  }

  @Test
  void onlyLinesAtOrAboveMinimumLevelAreSentSeveralPerEnvelope() {
    logging.open("logs-warn.xml");
    Logger log = logging.logback.logger(LOGGER);

    SentryLogs.onlyLinesAtOrAboveMinimumLevelAreSentSeveralPerEnvelope(
        logging.receiver,
        WAIT,
        log::info,
        log::warn,
        () -> log.error("error line without throwable"),
        "error line without throwable",
        SentryLogLevel.ERROR);
  }

  @Test
  void longLinesAreSplitIntoLogItemsUnderTheHumongousSizeAndEveryEntryArrives() {
    logging.open("logs.xml");
    Logger log = logging.logback.logger(LOGGER);

    SentryLogs.longLinesAreSplitIntoLogItemsUnderTheHumongousSize(
        logging.receiver, WAIT, log::info);
  }

  @Test
  void behindAnAsyncAppenderAnEntryCarriesTheLoggingThreadsNameAndTrace() {
    logging.open("logs-async.xml");
    Logger log = logging.logback.logger(LOGGER);

    // Logback's events carry no thread id: behind the AsyncAppender it is not known
    SentryLogs.behindAsyncAnEntryCarriesTheLoggingThreadsNameAndTrace(
        logging.receiver, WAIT, log::info, false);
  }

  @Test
  void withoutMetadataAnEntryCarriesOnlyTheMessageAndItsParameters() {
    logging.open("logs-no-metadata.xml");
    Logger log = logging.logback.logger(LOGGER);
    MDC.put("tenant", "acme");
    log.info("order {} shipped to {}", 42, "Bern");
    MDC.clear();
    SentryLogEvent entry =
        flushUntilLogged(
            logging.receiver, WAIT, l -> "order 42 shipped to Bern".equals(l.getBody()));
    assertThat(entry.getLevel()).isEqualTo(SentryLogLevel.INFO);
    assertThat(entry.getTimestamp()).isPositive();
    assertThat(attributes(entry))
        .containsOnlyKeys(
            "sentry.message.template", "sentry.message.parameter.0", "sentry.message.parameter.1")
        .containsEntry("sentry.message.parameter.1", "Bern");
  }

  @Test
  void withLogsOffNoLogItemIsSentAndErrorsAreSentAsEver() {
    logging.open("logs-off.xml");
    Logger log = logging.logback.logger(LOGGER);

    SentryLogs.withLogsOffNoLogItemIsSent(logging.receiver, WAIT, log::info, log::error);
  }

  @Test
  void whenLogsOverflowAnErrorGoesFirstAndEveryEntryIsDeliveredOrCounted() {
    logging.open("logs-overflow.xml");
    List<String> warnings = new CopyOnWriteArrayList<>();
    logging.logback.context.getStatusManager().add(new WarningsKept(warnings));
    Logger log = logging.logback.logger(LOGGER);

    SentryLogs.whenLogsOverflowAnErrorGoesFirstAndEveryEntryIsCounted(
        logging.receiver, WAIT, log::info, log::error, logging.logback::close, () -> warnings);
  }

  @Test
  void aLogItemRateLimitDropsAndCountsLogEntriesWhileErrorsGoOn() {
    logging.open("logs-warn.xml");
    List<String> warnings = new CopyOnWriteArrayList<>();
    logging.logback.context.getStatusManager().add(new WarningsKept(warnings));
    Logger log = logging.logback.logger(LOGGER);
    logging.receiver.rateLimitFor(Duration.ofSeconds(60), "log_item");
    log.warn("first line");
    SentryBridge.service().flush(WAIT); // answered 429: log_item limited for 60 s
    logging.receiver.respondHealthy();
    for (int i = 0; i < 5; i++) {
      log.warn("limited line {}", i);
    }
    log.error("payment failed", new IllegalStateException("declined"));
    logging.receiver.awaitEvents(1, WAIT);
    SentryBridge.service().flush(WAIT);
    logging.logback.close();

    assertThat(logging.receiver.logCount()).isZero();
    long dropped = droppedCount(warnings);
    assertThat(dropped).isEqualTo(7); // 1 + 5 warnings and the error line, all log entries
  }

  @Test
  void theSdksBeforeSendLogDecidesWithAnSdkTheApplicationInitialised() {
    Sentry.init(
        options -> {
          options.setDsn(logging.receiver.dsn());
          options.getLogs().setEnabled(true);
          options
              .getLogs()
              .setBeforeSend(
                  log -> {
                    if (log.getBody().contains("card")) {
                      return null;
                    }
                    log.setBody(log.getBody() + " (checked)");
                    return log;
                  });
        });
    try {
      logging.open("logs-warn.xml");
      Logger log = logging.logback.logger(LOGGER);
      log.warn("card {} declined", "4111");
      log.warn("stock low for {}", "SKU-7");
      SentryLogEvent entry =
          flushUntilLogged(logging.receiver, WAIT, l -> l.getBody().startsWith("stock low"));
      assertThat(entry.getBody()).isEqualTo("stock low for SKU-7 (checked)");
      assertThat(logging.receiver.logs())
          .extracting(SentryLogEvent::getBody)
          .noneMatch(b -> b.contains("card"));
    } finally {
      logging.logback.close();
      logging.logback = null;
      Sentry.close();
    }
  }
}
