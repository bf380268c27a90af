package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.testing.ScopeScenarios.exception;
import static org.sentrybridge.log4j2.LoggingFixture.WAIT;

import com.example.shop.Checkout;
import io.sentry.Breadcrumb;
import io.sentry.SentryEvent;
import java.nio.file.Path;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.testing.ScopeScenarios;
import org.sentrybridge.testing.ScopeScenarios.Lines;

/**
 * An error carries the Sentry scope of the thread that logged it, on worker threads that did not
 * configure logging, and nothing of any other thread's scope.
 */
class LoggingThreadScopeTest {

  private static final String LOGGER = "com.example.shop.Checkout";

  @TempDir Path buffer;
  private LoggingFixture logging;

  @AfterEach
  void stop() {
    if (logging != null) {
      logging.close();
    }
  }

  private Logger start(String config) {
    logging = LoggingFixture.start(config, buffer);
    return logging.context.getLogger(LOGGER);
  }

  @Test
  void aSynchronousSetupLeavesNoTraceIdsInTheLogEvents() {
    start("log4j2-test-scope.xml");

    // the appender reads the logging thread's scope itself: the ids would only cost
    assertThat(new SentryTraceContextData().supplyContextData()).isEmpty();
  }

  @Test
  void anErrorCarriesTheScopeOfTheThreadThatLoggedIt() {
    scenarios("log4j2-test-scope.xml").anErrorCarriesTheScopeOfTheThreadThatLoggedIt();
  }

  @Test
  void twoConcurrentRequestsEachCarryExactlyTheirOwnScope() {
    scenarios("log4j2-test-scope.xml").twoConcurrentRequestsEachCarryExactlyTheirOwnScope();
  }

  @Test
  void whatTheConfiguringThreadSetsLaterStaysOnThatThread() {
    scenarios("log4j2-test-scope.xml").whatTheConfiguringThreadSetsLaterStaysOnThatThread();
  }

  @Test
  void breadcrumbTextsAreTheLinesAsLoggedWhateverTheMessageKind() {
    Logger log = start("log4j2-test-scope.xml");
    String braces = "literal {} kept";
    StringBuilder changing = new StringBuilder("before");

    log.info("cart {} loaded with {}", 42, "apples");
    log.info(braces);
    log.info((Object) braces);
    log.info("no arguments {}");
    log.info("changed later: {}", changing);
    changing.setLength(0);
    changing.append("after");
    log.error("checkout failed", new IllegalStateException("kinds"));

    SentryEvent event = logging.receiver.awaitEvent(exception("kinds"), WAIT);
    assertThat(event.getBreadcrumbs())
        .extracting(Breadcrumb::getMessage)
        .containsExactly(
            "cart 42 loaded with apples",
            "literal {} kept",
            "literal {} kept",
            "no arguments {}",
            "changed later: before");
  }

  @Test
  void aMessageOnlyErrorCarriesTheStackOfTheLoggingCall() {
    Logger log = start("log4j2-test-scope.xml");

    Checkout.declineWithoutException(log, 7);

    new ScopeScenarios(lines(log), logging.receiver)
        .aMessageOnlyErrorCarriesTheStackOfTheLoggingCall(
            Checkout.class, "org.apache.logging.", "org.sentrybridge.log4j2.SentryAppender");
  }

  @Test
  void withoutMetadataAnErrorIsStillLinkedToItsTraceButCarriesNothingElse() {
    scenarios("log4j2-test-no-metadata.xml")
        .withoutMetadataAnErrorIsStillLinkedToItsTraceButCarriesNothingElse();
  }

  private ScopeScenarios scenarios(String config) {
    return new ScopeScenarios(lines(start(config)), logging.receiver);
  }

  private static Lines lines(Logger log) {
    return new Lines(log::info, log::warn, log::error);
  }
}
