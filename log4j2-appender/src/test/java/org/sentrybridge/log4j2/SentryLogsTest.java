package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.testing.SentryLogs.attributes;
import static org.sentrybridge.testing.SentryLogs.flushUntilCount;
import static org.sentrybridge.testing.SentryLogs.flushUntilLogged;
import static org.sentrybridge.log4j2.LoggingFixture.WAIT;

import io.sentry.Breadcrumb;
import io.sentry.SentryEvent;
import io.sentry.SentryLogEvent;
import io.sentry.SentryLogLevel;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.testing.SentryLogs;

/**
 * Sentry Logs through the {@code <SentryBridge>} appender: log lines at or above {@code
 * minimumLevel} arrive at the loopback receiver as {@code log} envelope items, batched, with the
 * fields the official appender sends and the logging thread's trace.
 */
class SentryLogsTest {

  private static final String LOGGER = "com.example.shop.Checkout";

  @TempDir Path buffer;
  private LoggingFixture logging;

  @AfterEach
  void stop() {
    if (logging != null) {
      logging.close();
    }
  }

  @Test
  void aLogLineBecomesAStructuredSentryLogEntryLinkedToTheLoggingThreadsTrace() {
    logging = LoggingFixture.start("log4j2-test-logs.xml", buffer);
    Logger log = logging.context.getLogger(LOGGER);

    SentryLogs.aLogLineBecomesAStructuredEntryLinkedToItsTrace(
        logging.receiver,
        WAIT,
        "auto.log.log4j2",
        LOGGER,
        () -> {
          ThreadContext.put("request.id", "r-7");
          ThreadContext.put("tenant", "acme");
          ThreadContext.put("session", "s-1");
          log.info(MarkerManager.getMarker("BILLING"), "order {} paid", 42);
          ThreadContext.clearAll();
        });
  }

  @Test
  void eachEntryCarriesItsOwnLoggerThreadTemplateAndParameters() {
    logging = LoggingFixture.start("log4j2-test-logs.xml", buffer);
    Logger orders = logging.context.getLogger("com.example.shop.Orders");
    Logger carts = logging.context.getLogger("com.example.shop.Carts");

    SentryLogs.eachEntryCarriesItsOwnLoggerThreadTemplateAndParameters(
        logging.receiver, WAIT, orders.getName(), orders::info, carts.getName(), carts::info);
  }

  @Test
  void aLineThatIsBothALogEntryAndABreadcrumbKeepsItsArgumentsAsLogged() {
    logging = LoggingFixture.start("log4j2-test-logs.xml", buffer);
    Logger log = logging.context.getLogger(LOGGER);
    StringBuilder customer = new StringBuilder("ann");

    log.info("cart {} loaded by {}", 7, customer);
    customer.append(" (changed later)");
    log.error("checkout failed", new IllegalStateException("declined"));

    SentryEvent event = logging.receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.getBreadcrumbs())
        .extracting(Breadcrumb::getMessage)
        .contains("cart 7 loaded by ann");
    SentryLogEvent entry =
        flushUntilLogged(logging.receiver, WAIT, l -> l.getBody().startsWith("cart 7"));
    assertThat(entry.getBody()).isEqualTo("cart 7 loaded by ann");
    assertThat(attributes(entry)).containsEntry("sentry.message.parameter.1", "ann");
    SentryLogs.assertIntegerAttribute(entry, "sentry.message.parameter.0", 7);
  }

  @Test
  void aLineThatIsAlsoABreadcrumbJoinsOnlyItsOwnThreadsError() {
    logging = LoggingFixture.start("log4j2-test-logs.xml", buffer);
    Logger log = logging.context.getLogger(LOGGER);

    SentryLogs.aLineThatIsAlsoABreadcrumbJoinsOnlyItsOwnThreadsError(
        logging.receiver,
        WAIT,
        message -> log.info(message),
        message -> log.error(message, new IllegalStateException("declined")));
  }

  @Test
  void theLoggingThreadsScopeEventProcessorsRunForItsEntriesOnly() {
    logging = LoggingFixture.start("log4j2-test-logs.xml", buffer);
    Logger log = logging.context.getLogger(LOGGER);

    SentryLogs.theLoggingThreadsScopeEventProcessorsRunForItsEntriesOnly(
        logging.receiver, WAIT, message -> log.info(message));
  }

  @Test
  void anErrorKeepsTheWholeThreadContextAndLogEntriesOnlyTheContextTags() {
    logging = LoggingFixture.start("log4j2-test-logs.xml", buffer);
    Logger log = logging.context.getLogger(LOGGER);

    SentryLogs.anErrorKeepsTheWholeContextAndLogEntriesOnlyTheContextTags(
        logging.receiver,
        WAIT,
        () -> {
          ThreadContext.put("request.id", "r-9");
          ThreadContext.put("tenant", "acme");
          ThreadContext.put("session", "s-2");
          log.info("order {} shipped", 7);
          log.error("payment failed", new IllegalStateException("declined"));
          ThreadContext.clearMap();
        });
  }

  @Test
  void onlyLinesAtOrAboveMinimumLevelAreSentSeveralPerEnvelope() {
    logging = LoggingFixture.start("log4j2-test-logs-warn.xml", buffer);
    Logger log = logging.context.getLogger(LOGGER);

    SentryLogs.onlyLinesAtOrAboveMinimumLevelAreSentSeveralPerEnvelope(
        logging.receiver,
        WAIT,
        log::info,
        log::warn,
        () -> log.log(Level.FATAL, "fatal line without throwable"),
        "fatal line without throwable",
        SentryLogLevel.FATAL);
  }

  @Test
  void longLinesAreSplitIntoLogItemsUnderTheHumongousSizeAndEveryEntryArrives() {
    logging = LoggingFixture.start("log4j2-test-logs.xml", buffer);
    Logger log = logging.context.getLogger(LOGGER);

    SentryLogs.longLinesAreSplitIntoLogItemsUnderTheHumongousSize(
        logging.receiver, WAIT, log::info);
  }

  @Test
  void withoutMetadataAnEntryCarriesOnlyTheMessageAndItsParameters() {
    logging = LoggingFixture.start("log4j2-test-logs-no-metadata.xml", buffer);
    Logger log = logging.context.getLogger(LOGGER);
    ThreadContext.put("tenant", "acme");
    log.info("order {} shipped to {}", 42, "Bern");
    ThreadContext.clearAll();
    SentryLogEvent entry =
        flushUntilLogged(
            logging.receiver, WAIT, l -> "order 42 shipped to Bern".equals(l.getBody()));
    assertThat(entry.getLevel()).isEqualTo(SentryLogLevel.INFO);
    assertThat(attributes(entry))
        .containsOnlyKeys(
            "sentry.message.template", "sentry.message.parameter.0", "sentry.message.parameter.1")
        .containsEntry("sentry.message.parameter.1", "Bern");
  }

  @Test
  void withLogsOffNoLogItemIsSentAndErrorsAreSentAsEver() {
    logging = LoggingFixture.start("log4j2-test-logs-off.xml", buffer);
    Logger log = logging.context.getLogger(LOGGER);

    SentryLogs.withLogsOffNoLogItemIsSent(logging.receiver, WAIT, log::info, log::error);
  }

  @Test
  void whenLogsOverflowAnErrorGoesFirstAndEveryEntryIsDeliveredOrCounted() {
    logging = LoggingFixture.start("log4j2-test-logs-overflow.xml", buffer);
    Logger log = logging.context.getLogger(LOGGER);

    SentryLogs.whenLogsOverflowAnErrorGoesFirstAndEveryEntryIsCounted(
        logging.receiver,
        WAIT,
        log::info,
        log::error,
        logging::stopLogging,
        () -> logging.status.messages(org.apache.logging.log4j.Level.WARN));
  }
}
