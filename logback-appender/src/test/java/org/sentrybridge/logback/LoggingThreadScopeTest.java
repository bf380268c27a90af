package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.logback.LogbackFixture.WAIT;
import static org.sentrybridge.testing.ScopeScenarios.exception;

import ch.qos.logback.classic.Logger;
import com.example.shop.Checkout;
import io.sentry.Breadcrumb;
import io.sentry.ITransaction;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SpanContext;
import io.sentry.protocol.User;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.testing.Poll;
import org.sentrybridge.testing.Requests;
import org.sentrybridge.testing.ScopeScenarios;
import org.sentrybridge.testing.ScopeScenarios.Lines;

/**
 * An error carries the Sentry scope of the thread that logged it, on worker threads that did not
 * configure logging, and nothing of any other thread's scope.
 */
class LoggingThreadScopeTest {

  @RegisterExtension final LogbackFixture logging = new LogbackFixture();

  private static final String LOGGER = "com.example.shop.Checkout";

  @Test
  void anErrorCarriesTheScopeOfTheThreadThatLoggedIt() {
    scenarios("scope.xml").anErrorCarriesTheScopeOfTheThreadThatLoggedIt();
  }

  @Test
  void twoConcurrentRequestsEachCarryExactlyTheirOwnScope() {
    scenarios("scope.xml").twoConcurrentRequestsEachCarryExactlyTheirOwnScope();
  }

  @Test
  void anErrorSentByHandCarriesTheCallersScopeAndItsLogLines() {
    logging.open("scope.xml");
    Logger log = logging.logback.logger(LOGGER);

    Requests.onNewThread(
        "worker-7",
        () -> {
          Sentry.setTag("tenant", "acme");
          log.info("cart loaded");
          Poll.nextMillisecond();
          Sentry.addBreadcrumb("payment form shown");
          SentryBridge.service()
              .sendError(
                  new IllegalStateException("sent by hand"),
                  (scope, scopes) -> scope.setTag("component", "checkout"));
        });
    Requests.onNewThread("worker-8", () -> log.info("another thread's line"));

    SentryEvent event = logging.receiver.awaitEvent(exception("sent by hand"), WAIT);
    assertThat(event.getTags()).containsEntry("tenant", "acme").containsEntry("component", "checkout");
    assertThat(event.getBreadcrumbs())
        .extracting(Breadcrumb::getMessage)
        .containsExactly("cart loaded", "payment form shown");
  }

  @Test
  void logLinesGoThroughBeforeBreadcrumbAndTheEventKeepsTheSdksMaxBreadcrumbs() {
    logging.open("scope-three-breadcrumbs.xml");
    Sentry.getCurrentScopes().getOptions().setBeforeBreadcrumb(
        (crumb, hint) -> crumb.getMessage() != null && crumb.getMessage().startsWith("secret")
            ? null
            : crumb);
    Logger log = logging.logback.logger(LOGGER);

    Requests.onNewThread(
        "worker-9",
        () -> {
          log.info("line 1");
          Poll.nextMillisecond();
          log.info("secret token {}", 42);
          Poll.nextMillisecond();
          Sentry.addBreadcrumb("scope crumb");
          Poll.nextMillisecond();
          log.info("line 3");
          Poll.nextMillisecond();
          log.info("line 4");
          log.error("checkout failed", new IllegalStateException("declined"));
        });

    SentryEvent event = logging.receiver.awaitEvent(exception("declined"), WAIT);
    // as with the official appender, whose lines are added to the scope: the callback leaves the
    // secret line out, and of the rest the newest 3 stay, unmarked
    assertThat(event.getBreadcrumbs())
        .extracting(Breadcrumb::getMessage)
        .containsExactly("scope crumb", "line 3", "line 4");
    assertThat(event.getTag("trimmed")).isNull();
  }

  @Test
  void whatTheConfiguringThreadSetsLaterStaysOnThatThread() {
    scenarios("scope.xml").whatTheConfiguringThreadSetsLaterStaysOnThatThread();
  }

  @Test
  void aMessageOnlyErrorCarriesTheStackOfTheLoggingCall() {
    ScopeScenarios scenarios = scenarios("scope.xml");

    Checkout.declineWithoutException(logging.logback.logger(LOGGER), 7);

    scenarios.aMessageOnlyErrorCarriesTheStackOfTheLoggingCall(
        Checkout.class, "ch.qos.logback.", "org.slf4j.", "org.sentrybridge.logback.SentryAppender");
  }

  @Test
  void withoutMetadataAnErrorIsStillLinkedToItsTraceButCarriesNothingElse() {
    scenarios("no-metadata.xml").withoutMetadataAnErrorIsStillLinkedToItsTraceButCarriesNothingElse();
  }

  @Test
  void withScopeCaptureOffNothingOfTheThreadsScopeIsRead() {
    logging.open("scope-off.xml");
    Logger log = logging.logback.logger(LOGGER);

    Requests.onNewThread(
        "worker-4",
        () -> {
          Sentry.setTag("tenant", "acme");
          log.info("cart loaded");
          log.error("payment failed", new IllegalStateException("declined"));
        });

    SentryEvent event = logging.receiver.awaitEvent(exception("declined"), WAIT);
    assertThat(event.getTag("tenant")).isNull();
    assertThat(event.getBreadcrumbs()).extracting(Breadcrumb::getMessage).containsExactly("cart loaded");
    assertThat(event.getContexts().getTrace().getData()).containsEntry("thread.name", "worker-4");
  }

  @Test
  void behindAnAsyncAppenderTheTurboFilterCarriesTheLoggingThreadsTrace() {
    logging.open("async-traced.xml");
    Logger log = logging.logback.logger(LOGGER);
    AtomicReference<ITransaction> transaction = new AtomicReference<>();

    Requests.onNewThread(
        "worker-5",
        () -> {
          ITransaction tx = Requests.startTransaction("POST /checkout", "http.server");
          transaction.set(tx);
          log.info("charging card");
          log.error("payment failed", new IllegalStateException("declined"));
          tx.finish();
        });
    Requests.onNewThread(
        "worker-6", () -> log.info("another request's line"));

    SentryEvent event = logging.receiver.awaitEvent(exception("declined"), WAIT);
    SpanContext trace = event.getContexts().getTrace();
    assertThat(trace.getTraceId()).isEqualTo(transaction.get().getSpanContext().getTraceId());
    assertThat(trace.getSpanId()).isEqualTo(transaction.get().getSpanContext().getSpanId());
    assertThat(trace.getData()).containsEntry("thread.name", "worker-5");
    assertThat(event.getBreadcrumbs()).extracting(Breadcrumb::getMessage).containsExactly("charging card");
    assertThat(asMapOrEmpty(event.getContexts().get("MDC")))
        .doesNotContainKeys("sentry_trace_id", "sentry_span_id");
    assertThat(logging.logback.statusLines("WARN")).noneMatch(line -> line.contains("turboFilter"));
  }

  @Test
  void behindAnAsyncAppenderWithoutTheTurboFilterTheStatusSaysWhatToAdd() {
    logging.open("async.xml");
    Logger log = logging.logback.logger(LOGGER);

    log.error("payment failed", new IllegalStateException("declined"));

    logging.receiver.awaitEvent(exception("declined"), WAIT);
    assertThat(logging.logback.statusLines("WARN"))
        .anyMatch(
            line -> line.contains("asynchronous appender")
                && line.contains("<turboFilter class=\"org.sentrybridge.logback.SentryTraceIds\"/>"));
  }

  private ScopeScenarios scenarios(String config) {
    logging.open(config);
    Logger log = logging.logback.logger(LOGGER);
    return new ScopeScenarios(new Lines(log::info, log::warn, log::error), logging.receiver);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMapOrEmpty(Object value) {
    return value == null ? Map.of() : (Map<String, Object>) value;
  }
}
