package org.sentrybridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Breadcrumb;
import io.sentry.ISpan;
import io.sentry.ITransaction;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SpanContext;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryStackFrame;
import io.sentry.protocol.User;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.sentrybridge.devserver.LoopbackSentryReceiver;

/**
 * The scenarios of "an error carries the Sentry scope of the thread that logged it", the same for
 * every appender: each backend's test opens its own configuration and hands over how it logs a line.
 * Everything runs on worker threads that did not configure logging.
 */
public final class ScopeScenarios {

  private static final Duration WAIT = Duration.ofSeconds(20);

  /**
   * A backend's logger seen through its three levels.
   *
   * @param info the INFO call
   * @param warn the WARN call
   * @param error the ERROR call
   */
  public record Lines(LogCall info, LogCall warn, LogCall error) {}

  private final Lines log;
  private final LoopbackSentryReceiver receiver;

  /**
   * The scenarios for one started configuration.
   *
   * @param log how the backend logs
   * @param receiver where the events arrive
   */
  public ScopeScenarios(Lines log, LoopbackSentryReceiver receiver) {
    this.log = log;
    this.receiver = receiver;
  }

  /**
   * Tags, user, request, contexts, extras, fingerprint, the active span and the breadcrumbs of the
   * logging thread, {@code withScope} tags included, travel with its error.
   */
  public void anErrorCarriesTheScopeOfTheThreadThatLoggedIt() {
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
          log.info().log("cart loaded");
          Poll.nextMillisecond();
          Sentry.addBreadcrumb("payment form shown");
          Poll.nextMillisecond();
          log.warn().log("gateway slow for order {}", 7);
          ITransaction tx = Requests.startTransaction("POST /checkout", "http.server");
          transaction.set(tx);
          charge.set(tx.startChild("payment.charge"));
          Sentry.withScope(
              scope -> {
                scope.setTag("step", "charge");
                log.error().log("payment failed", new IllegalStateException("declined"));
              });
          charge.get().finish();
          tx.finish();
        });

    SentryEvent event = receiver.awaitEvent(exception("declined"), WAIT);
    assertThat(event.getTags()).containsEntry("tenant", "acme").containsEntry("step", "charge");
    assertThat(event.getUser().getId()).isEqualTo("u-7");
    assertThat(event.getRequest().getUrl()).isEqualTo("https://shop.example/checkout");
    assertThat(event.getRequest().getMethod()).isEqualTo("POST");
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

  /**
   * Two requests running at the same time on forked scopes: each error carries its own tags, user,
   * transaction and log lines, and nothing of the other's.
   */
  public void twoConcurrentRequestsEachCarryExactlyTheirOwnScope() {
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
                    log.info().log("loading order {}", order);
                    step.run();
                    log.info().log("charging order {}", order);
                    step.run();
                    log.error()
                        .log("order {} failed", order, new IllegalStateException("failed " + order));
                    tx.finish();
                  }));
    }

    Requests.together(requests);

    for (String order : List.of("A", "B")) {
      String other = order.equals("A") ? "B" : "A";
      SentryEvent event = receiver.awaitEvent(exception("failed " + order), WAIT);
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

  /**
   * What the configuring (main) thread puts on its scope after start-up stays on its own errors.
   * Must run on the thread that started the configuration.
   */
  public void whatTheConfiguringThreadSetsLaterStaysOnThatThread() {
    Sentry.setTag("set-on-main", "yes");
    log.info().log("main thread working");

    Requests.onNewThread(
        "worker-2", () -> log.error().log("worker failed", new IllegalStateException("on worker")));
    log.error().log("main failed", new IllegalStateException("on main"));

    SentryEvent worker = receiver.awaitEvent(exception("on worker"), WAIT);
    SentryEvent main = receiver.awaitEvent(exception("on main"), WAIT);
    assertThat(worker.getTag("set-on-main")).isNull();
    assertThat(worker.getBreadcrumbs()).isNullOrEmpty();
    assertThat(main.getTags()).containsEntry("set-on-main", "yes");
    assertThat(main.getBreadcrumbs())
        .extracting(Breadcrumb::getMessage)
        .containsExactly("main thread working");
  }

  /**
   * With {@code sendMetadata=false} the error keeps its trace context, the link to the
   * transaction, and carries nothing else of the scope.
   */
  public void withoutMetadataAnErrorIsStillLinkedToItsTraceButCarriesNothingElse() {
    AtomicReference<ITransaction> transaction = new AtomicReference<>();

    Requests.onNewThread(
        "worker-3",
        () -> {
          Sentry.setTag("tenant", "acme");
          User user = new User();
          user.setId("u-9");
          Sentry.setUser(user);
          Sentry.addBreadcrumb("opened cart");
          log.info().log("cart loaded");
          ITransaction tx = Requests.startTransaction("POST /checkout", "http.server");
          transaction.set(tx);
          log.error().log("payment failed", new IllegalStateException("declined"));
          tx.finish();
        });

    SentryEvent event = receiver.awaitEvent(exception("declined"), WAIT);
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

  /**
   * The message-only error {@code "card declined for order 7"} logged by {@code callSiteClass}'s
   * method {@code declineWithoutException} carries the stack of that call, with no frame of the
   * logging framework or of the appender.
   *
   * @param callSiteClass the class whose method logged the error
   * @param hiddenPrefixes the module prefixes that must not appear among the frames
   */
  public void aMessageOnlyErrorCarriesTheStackOfTheLoggingCall(
      Class<?> callSiteClass, String... hiddenPrefixes) {
    SentryEvent event =
        receiver.awaitEvent(
            e -> e.getMessage() != null
                && "card declined for order 7".equals(e.getMessage().getFormatted()),
            WAIT);
    assertThat(event.getExceptions()).isNullOrEmpty();
    List<SentryStackFrame> frames = event.getThreads().get(0).getStacktrace().getFrames();
    SentryStackFrame callSite = frames.get(frames.size() - 1); // Sentry lists frames oldest first
    assertThat(callSite.getModule()).isEqualTo(callSiteClass.getName());
    assertThat(callSite.getFunction()).isEqualTo("declineWithoutException");
    assertThat(callSite.isInApp()).isTrue();
    List<String> modules =
        frames.stream().map(SentryStackFrame::getModule).collect(Collectors.toList());
    for (String hidden : hiddenPrefixes) {
      assertThat(modules).noneMatch(module -> module.startsWith(hidden));
    }
  }

  /**
   * Matches an event whose exception chain holds the given message.
   *
   * @param value the exception message
   * @return the filter
   */
  public static Predicate<SentryEvent> exception(String value) {
    return event -> event.getExceptions() != null
        && event.getExceptions().stream().anyMatch(e -> value.equals(e.getValue()));
  }
}
