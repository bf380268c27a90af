package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.shop.Checkout;
import io.sentry.Breadcrumb;
import io.sentry.ISpan;
import io.sentry.ITransaction;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SpanContext;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryStackFrame;
import io.sentry.protocol.User;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.testing.Poll;
import org.sentrybridge.testing.Requests;

/**
 * An error carries the Sentry scope of the thread that logged it, on worker threads that did not
 * configure logging, and nothing of any other thread's scope.
 */
class LoggingThreadScopeTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
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
    Logger log = start("log4j2-test-scope.xml");
    AtomicReference<ITransaction> transaction = new AtomicReference<>();
    AtomicReference<ISpan> charge = new AtomicReference<>();

    Requests.onNewThread(
        "worker-1",
        () -> {
          Sentry.setTag("tenant", "acme");
          User user = new User();
          user.setId("u-7");
          Sentry.setUser(user);
          Sentry.configureScope(
              scope -> {
                Request request = new Request();
                request.setUrl("https://shop.example/checkout");
                scope.setRequest(request);
                scope.setContexts("cart", Map.of("items", 3));
                scope.setExtra("attempt", "2");
                scope.setFingerprint(List.of("checkout", "{{ default }}"));
              });
          log.info("cart loaded");
          Poll.nextMillisecond();
          Sentry.addBreadcrumb("payment form shown");
          Poll.nextMillisecond();
          log.warn("gateway slow for order {}", 7);
          ITransaction tx = Requests.startTransaction("POST /checkout", "http.server");
          transaction.set(tx);
          charge.set(tx.startChild("payment.charge"));
          Sentry.withScope(
              scope -> {
                scope.setTag("step", "charge");
                log.error("payment failed", new IllegalStateException("declined"));
              });
          charge.get().finish();
          tx.finish();
        });

    SentryEvent event = logging.receiver.awaitEvent(exception("declined"), WAIT);
    assertThat(event.getTags()).containsEntry("tenant", "acme").containsEntry("step", "charge");
    assertThat(event.getUser().getId()).isEqualTo("u-7");
    assertThat(event.getRequest().getUrl()).isEqualTo("https://shop.example/checkout");
    assertThat(event.getContexts().get("cart")).isEqualTo(Map.of("items", 3));
    assertThat(event.getExtra("attempt")).isEqualTo("2");
    assertThat(event.getFingerprints()).containsExactly("checkout", "{{ default }}");
    assertThat(event.getTransaction()).isEqualTo("POST /checkout");
    SpanContext trace = event.getContexts().getTrace();
    assertThat(trace.getTraceId()).isEqualTo(transaction.get().getSpanContext().getTraceId());
    assertThat(trace.getSpanId()).isEqualTo(charge.get().getSpanContext().getSpanId());
    assertThat(trace.getOperation()).isEqualTo("payment.charge");
    assertThat(trace.getData()).containsEntry("thread.name", "worker-1");
    assertThat(event.getThreads()).extracting(t -> t.getName()).containsExactly("worker-1");
    assertThat(event.getBreadcrumbs())
        .extracting(Breadcrumb::getMessage)
        .containsExactly("cart loaded", "payment form shown", "gateway slow for order 7");
  }

  @Test
  void twoConcurrentRequestsEachCarryExactlyTheirOwnScope() {
    Logger log = start("log4j2-test-scope.xml");
    Map<String, ITransaction> transactions = new ConcurrentHashMap<>();
    Map<String, Consumer<Runnable>> requests = new LinkedHashMap<>();
    for (String order : List.of("A", "B")) {
      requests.put(
          "request-" + order,
          step ->
              Requests.inRequest(
                  () -> {
                    Sentry.setTag("order", order);
                    User user = new User();
                    user.setId("user-" + order);
                    Sentry.setUser(user);
                    ITransaction tx = Requests.startTransaction("GET /orders/" + order, "http.server");
                    transactions.put(order, tx);
                    step.run();
                    log.info("loading order {}", order);
                    step.run();
                    log.info("charging order {}", order);
                    step.run();
                    log.error("order {} failed", order, new IllegalStateException("failed " + order));
                    tx.finish();
                  }));
    }

    Requests.together(requests);

    for (String order : List.of("A", "B")) {
      String other = order.equals("A") ? "B" : "A";
      SentryEvent event = logging.receiver.awaitEvent(exception("failed " + order), WAIT);
      assertThat(event.getTags()).containsEntry("order", order);
      assertThat(event.getUser().getId()).isEqualTo("user-" + order);
      assertThat(event.getTransaction()).isEqualTo("GET /orders/" + order);
      assertThat(event.getContexts().getTrace().getTraceId())
          .isEqualTo(transactions.get(order).getSpanContext().getTraceId())
          .isNotEqualTo(transactions.get(other).getSpanContext().getTraceId());
      assertThat(event.getBreadcrumbs())
          .extracting(Breadcrumb::getMessage)
          .containsExactly("loading order " + order, "charging order " + order);
    }
  }

  @Test
  void whatTheConfiguringThreadSetsLaterStaysOnThatThread() {
    Logger log = start("log4j2-test-scope.xml");
    Sentry.setTag("set-on-main", "yes");
    log.info("main thread working");

    Requests.onNewThread(
        "worker-2", () -> log.error("worker failed", new IllegalStateException("on worker")));
    log.error("main failed", new IllegalStateException("on main"));

    SentryEvent worker = logging.receiver.awaitEvent(exception("on worker"), WAIT);
    SentryEvent main = logging.receiver.awaitEvent(exception("on main"), WAIT);
    assertThat(worker.getTag("set-on-main")).isNull();
    assertThat(worker.getBreadcrumbs()).isNullOrEmpty();
    assertThat(main.getTags()).containsEntry("set-on-main", "yes");
    assertThat(main.getBreadcrumbs())
        .extracting(Breadcrumb::getMessage)
        .containsExactly("main thread working");
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

    SentryEvent event =
        logging.receiver.awaitEvent(
            e -> e.getMessage() != null
                && "card declined for order 7".equals(e.getMessage().getFormatted()),
            WAIT);
    assertThat(event.getExceptions()).isNullOrEmpty();
    List<SentryStackFrame> frames = event.getThreads().get(0).getStacktrace().getFrames();
    SentryStackFrame callSite = frames.get(frames.size() - 1); // Sentry lists frames oldest first
    assertThat(callSite.getModule()).isEqualTo(Checkout.class.getName());
    assertThat(callSite.getFunction()).isEqualTo("declineWithoutException");
    assertThat(callSite.isInApp()).isTrue();
    assertThat(frames.stream().map(SentryStackFrame::getModule).collect(Collectors.toList()))
        .noneMatch(module -> module.startsWith("org.apache.logging."))
        .noneMatch(module -> module.startsWith("org.sentrybridge.log4j2.SentryAppender"));
  }

  @Test
  void withoutMetadataAnErrorIsStillLinkedToItsTraceButCarriesNothingElse() {
    Logger log = start("log4j2-test-no-metadata.xml");
    AtomicReference<ITransaction> transaction = new AtomicReference<>();

    Requests.onNewThread(
        "worker-3",
        () -> {
          Sentry.setTag("tenant", "acme");
          User user = new User();
          user.setId("u-9");
          Sentry.setUser(user);
          Sentry.addBreadcrumb("opened cart");
          log.info("cart loaded");
          ITransaction tx = Requests.startTransaction("POST /checkout", "http.server");
          transaction.set(tx);
          log.error("payment failed", new IllegalStateException("declined"));
          tx.finish();
        });

    SentryEvent event = logging.receiver.awaitEvent(exception("declined"), WAIT);
    SpanContext trace = event.getContexts().getTrace();
    assertThat(trace.getTraceId()).isEqualTo(transaction.get().getSpanContext().getTraceId());
    assertThat(trace.getSpanId()).isEqualTo(transaction.get().getSpanContext().getSpanId());
    assertThat(event.getTags()).isNullOrEmpty();
    assertThat(event.getUser()).isNull();
    assertThat(event.getBreadcrumbs()).isNullOrEmpty();
    assertThat(event.getTransaction()).isNull();
    assertThat(event.getThreads()).isNullOrEmpty();
    assertThat(event.getContexts().get("MDC")).isNull();
  }

  private static Predicate<SentryEvent> exception(String value) {
    return event -> event.getExceptions() != null
        && event.getExceptions().stream().anyMatch(e -> value.equals(e.getValue()));
  }
}
