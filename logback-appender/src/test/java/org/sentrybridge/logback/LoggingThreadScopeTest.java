package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.logback.LogbackFixture.WAIT;

import ch.qos.logback.classic.Logger;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.testing.Poll;
import org.sentrybridge.testing.Requests;

/**
 * An error carries the Sentry scope of the thread that logged it, on worker threads that did not
 * configure logging, and nothing of any other thread's scope.
 */
class LoggingThreadScopeTest {

  @RegisterExtension final LogbackFixture logging = new LogbackFixture();

  private static final String LOGGER = "com.example.shop.Checkout";

  @Test
  void anErrorCarriesTheScopeOfTheThreadThatLoggedIt() {
    logging.open("scope.xml");
    Logger log = logging.logback.logger(LOGGER);
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
                request.setMethod("POST");
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
    assertThat(event.getRequest().getMethod()).isEqualTo("POST");
    assertThat(asMap(event.getContexts().get("cart"))).containsEntry("items", 3);
    assertThat(event.getExtra("attempt")).isEqualTo("2");
    assertThat(event.getFingerprints()).containsExactly("checkout", "{{ default }}");
    assertThat(event.getTransaction()).isEqualTo("POST /checkout");
    SpanContext trace = event.getContexts().getTrace();
    SpanContext active = charge.get().getSpanContext();
    assertThat(trace.getTraceId()).isEqualTo(transaction.get().getSpanContext().getTraceId());
    assertThat(trace.getSpanId()).isEqualTo(active.getSpanId());
    assertThat(trace.getOperation()).isEqualTo("payment.charge");
    assertThat(trace.getData()).containsEntry("thread.name", "worker-1");
    assertThat(event.getThreads()).extracting(t -> t.getName()).containsExactly("worker-1");
    assertThat(event.getBreadcrumbs())
        .extracting(Breadcrumb::getMessage)
        .containsExactly("cart loaded", "payment form shown", "gateway slow for order 7");
  }

  @Test
  void twoConcurrentRequestsEachCarryExactlyTheirOwnScope() {
    logging.open("scope.xml");
    Logger log = logging.logback.logger(LOGGER);
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
  void whatTheConfiguringThreadSetsLaterStaysOnThatThread() {
    logging.open("scope.xml");
    Logger log = logging.logback.logger(LOGGER);
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
  void aMessageOnlyErrorCarriesTheStackOfTheLoggingCall() {
    logging.open("scope.xml");
    Logger log = logging.logback.logger(LOGGER);

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
        .noneMatch(module -> module.startsWith("ch.qos.logback."))
        .noneMatch(module -> module.startsWith("org.slf4j."))
        .noneMatch(module -> module.startsWith("org.sentrybridge.logback.SentryAppender"));
  }

  @Test
  void withoutMetadataAnErrorIsStillLinkedToItsTraceButCarriesNothingElse() {
    logging.open("no-metadata.xml");
    Logger log = logging.logback.logger(LOGGER);
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

  private static Predicate<SentryEvent> exception(String value) {
    return event -> event.getExceptions() != null
        && event.getExceptions().stream().anyMatch(e -> value.equals(e.getValue()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }

  private static Map<String, Object> asMapOrEmpty(Object value) {
    return value == null ? Map.of() : asMap(value);
  }
}
