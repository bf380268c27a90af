package org.sentrybridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Breadcrumb;
import io.sentry.EventProcessor;
import io.sentry.ISpan;
import io.sentry.ITransaction;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryLogEvent;
import io.sentry.SentryLogEventAttributeValue;
import io.sentry.SentryLogLevel;
import io.sentry.protocol.User;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.devserver.LoopbackSentryReceiver;

/**
 * Waits and assertions on the Sentry Logs entries the loopback receiver got, the same for every
 * appender: the tests only differ in how they log the lines.
 */
public final class SentryLogs {

  /** The warning an appender reports when log entries were dropped or rejected, with the count. */
  private static final Pattern DROPPED =
      Pattern.compile("\\b(\\d+) log entr(?:y|ies) (?:dropped|rejected by Sentry): ");

  private SentryLogs() {}

  /**
   * Flushes until an entry matching {@code filter} arrived: behind an asynchronous appender or
   * logger the line may reach the appender only after a first flush.
   */
  public static SentryLogEvent flushUntilLogged(
      LoopbackSentryReceiver receiver, Duration wait, Predicate<SentryLogEvent> filter) {
    Poll.until(
        "a matching log entry at the receiver",
        wait,
        () -> {
          SentryBridge.service().flush(Duration.ofMillis(200));
          return !receiver.logs(filter).isEmpty();
        });
    return receiver.logs(filter).get(0);
  }

  /**
   * A line that is both a Sentry log entry and a breadcrumb, on two threads with scopes of their
   * own: each line is sent as an entry, and the breadcrumb joins, once, the next error of its own
   * thread and never another thread's. {@code info} logs a line at INFO, {@code error} an error
   * with a throwable, each with the message it is given.
   */
  public static void aLineThatIsAlsoABreadcrumbJoinsOnlyItsOwnThreadsError(
      LoopbackSentryReceiver receiver, Duration wait, Consumer<String> info, Consumer<String> error) {
    Requests.inRequest(() -> info.accept("cart of b loaded"));
    Requests.onNewThread(
        "worker-a",
        () ->
            Requests.inRequest(
                () -> {
                  info.accept("cart of a loaded");
                  error.accept("checkout of a failed");
                }));

    SentryEvent event =
        receiver.awaitEvent(
            e -> e.getMessage() != null
                && "checkout of a failed".equals(e.getMessage().getFormatted()),
            wait);
    assertThat(event.getBreadcrumbs())
        .extracting(Breadcrumb::getMessage)
        .containsOnlyOnce("cart of a loaded")
        .doesNotContain("cart of b loaded");
    flushUntilLogged(receiver, wait, l -> "cart of a loaded".equals(l.getBody()));
    flushUntilLogged(receiver, wait, l -> "cart of b loaded".equals(l.getBody()));
  }

  /**
   * The event processors of the logging thread's Sentry scope run for its entries, as the SDK runs
   * them for a line of its own log API, and never for another thread's: on one thread's forked
   * scopes a processor adds an attribute to each entry and drops one, which is recorded for the
   * client report ({@code event_processor}, {@code log_item}); the other thread's entry arrives as
   * it was logged. {@code info} logs a line at INFO with the message it is given.
   */
  public static void theLoggingThreadsScopeEventProcessorsRunForItsEntriesOnly(
      LoopbackSentryReceiver receiver, Duration wait, Consumer<String> info) {
    Requests.onNewThread(
        "worker-a",
        () ->
            Requests.inRequest(
                () -> {
                  Sentry.configureScope(
                      scope -> scope.addEventProcessor(new RequestProcessor("request a")));
                  info.accept("card of a declined");
                  info.accept("cart of a loaded");
                }));
    Requests.onNewThread("worker-b", () -> Requests.inRequest(() -> info.accept("cart of b loaded")));

    SentryLogEvent a = flushUntilLogged(receiver, wait, l -> "cart of a loaded".equals(l.getBody()));
    SentryLogEvent b = flushUntilLogged(receiver, wait, l -> "cart of b loaded".equals(l.getBody()));
    assertThat(attributes(a)).containsEntry("checked.by", "request a");
    assertThat(attributes(b)).doesNotContainKey("checked.by");
    assertThat(receiver.logs()).extracting(SentryLogEvent::getBody)
        .doesNotContain("card of a declined");
    Poll.until(
        "the client report of the dropped entry",
        wait,
        () -> {
          SentryBridge.service().flush(Duration.ofMillis(200));
          return receiver.discardedEvents().stream()
              .anyMatch(d -> "event_processor".equals(d.getReason())
                  && "log_item".equals(d.getCategory())
                  && d.getQuantity() == 1);
        });
  }

  /** A scope's event processor for log entries: marks each, drops those about a card. */
  private static final class RequestProcessor implements EventProcessor {
    private final String request;

    RequestProcessor(String request) {
      this.request = request;
    }

    @Override
    public SentryLogEvent process(SentryLogEvent log) {
      if (log.getBody().startsWith("card")) {
        return null;
      }
      log.setAttribute("checked.by", new SentryLogEventAttributeValue("string", request));
      return log;
    }
  }

  /**
   * Behind an asynchronous appender or logger: a line logged on a worker thread inside a
   * transaction arrives as an entry linked to that transaction, with the worker's name and id and
   * (when the backend's events carry it: {@code threadIdKnown}) and the template, and the trace id
   * it carried through the MDC / ThreadContext is not an attribute. {@code info} logs a line at
   * INFO with the template and the argument it is given.
   *
   * @return the entry's attributes, for what a backend checks beyond these
   */
  public static Map<String, Object> behindAsyncAnEntryCarriesTheLoggingThreadsNameAndTrace(
      LoopbackSentryReceiver receiver,
      Duration wait,
      BiConsumer<String, Object> info,
      boolean threadIdKnown) {
    AtomicReference<ITransaction> transaction = new AtomicReference<>();
    AtomicLong threadId = new AtomicLong();
    Requests.onNewThread(
        "worker-2",
        () -> {
          threadId.set(Thread.currentThread().getId());
          ITransaction tx = Requests.startTransaction("GET /orders", "http.server");
          transaction.set(tx);
          info.accept("listing {} orders", 3);
          tx.finish();
        });
    SentryLogEvent entry =
        flushUntilLogged(receiver, wait, l -> "listing 3 orders".equals(l.getBody()));
    assertLinkedTo(entry, transaction.get());
    Map<String, Object> attributes = attributes(entry);
    assertThat(attributes)
        .containsEntry("thread.name", "worker-2")
        .containsEntry("sentry.message.template", "listing {} orders")
        .doesNotContainKey("mdc.sentry_trace_id");
    if (threadIdKnown) {
      assertThat(((Number) attributes.get("thread.id")).longValue()).isEqualTo(threadId.get());
    }
    return attributes;
  }

  /** Flushes until at least {@code count} entries arrived, then returns them. */
  public static List<SentryLogEvent> flushUntilCount(
      LoopbackSentryReceiver receiver, Duration wait, int count) {
    Poll.until(
        count + " log entries at the receiver",
        wait,
        () -> {
          SentryBridge.service().flush(Duration.ofMillis(200));
          return receiver.logCount() >= count;
        });
    return receiver.logs();
  }

  /** The entry's attributes as plain values, sorted by name. */
  public static Map<String, Object> attributes(SentryLogEvent entry) {
    Map<String, Object> values = new TreeMap<>();
    for (Map.Entry<String, SentryLogEventAttributeValue> attribute :
        entry.getAttributes().entrySet()) {
      values.put(attribute.getKey(), attribute.getValue().getValue());
    }
    return values;
  }

  /** The sum of the counts in the "log entries dropped or rejected" warnings given. */
  public static long droppedCount(Iterable<String> warnings) {
    long dropped = 0;
    for (String warning : warnings) {
      Matcher counted = DROPPED.matcher(warning);
      if (counted.find()) {
        dropped += Long.parseLong(counted.group(1));
      }
    }
    return dropped;
  }

  /** Asserts that {@code entry} carries the trace and span of {@code span}. */
  public static void assertLinkedTo(SentryLogEvent entry, ISpan span) {
    assertThat(entry.getTraceId()).isEqualTo(span.getSpanContext().getTraceId());
    assertThat(entry.getSpanId()).isEqualTo(span.getSpanContext().getSpanId());
  }

  /** Asserts that {@code entry}'s timestamp lies between {@code before} and {@code after}. */
  public static void assertLoggedBetween(SentryLogEvent entry, Instant before, Instant after) {
    assertThat(entry.getTimestamp())
        .isBetween(epochSeconds(before) - 0.001, epochSeconds(after));
  }

  /**
   * Asserts that the attribute {@code name} is sent as an integer of {@code value} (a number keeps
   * its type, as with the official appenders).
   */
  public static void assertIntegerAttribute(SentryLogEvent entry, String name, long value) {
    assertThat(entry.getAttributes().get(name).getType()).isEqualTo("integer");
    assertThat(((Number) attributes(entry).get(name)).longValue()).isEqualTo(value);
  }

  private static double epochSeconds(Instant instant) {
    return instant.getEpochSecond() + instant.getNano() / 1_000_000_000.0;
  }

  /**
   * The line of the first scenario of both backends: on the worker thread {@code worker-1}, on
   * the request's own forked scopes with a user set, inside a transaction's span, {@code
   * logTheLine} logs {@code "order {} paid"} with 42 through {@code
   * logger}, with the context entries {@code request.id=r-7}, {@code tenant=acme}, {@code
   * session=s-1} (only the first two are {@code contextTags}) and the marker {@code BILLING}, then
   * clears the context. Asserts every field the entry carries and returns its attributes for the
   * backend's own checks.
   *
   * @param receiver where the entries arrive
   * @param wait how long to wait for the entry
   * @param origin the backend's {@code sentry.origin}
   * @param logger the logger's name
   * @param logTheLine logs the line with that context and marker, and clears the context
   * @return the entry's attributes
   */
  public static Map<String, Object> aLogLineBecomesAStructuredEntryLinkedToItsTrace(
      LoopbackSentryReceiver receiver,
      Duration wait,
      String origin,
      String logger,
      Runnable logTheLine) {
    AtomicReference<ISpan> span = new AtomicReference<>();
    AtomicLong threadId = new AtomicLong();
    AtomicReference<Instant> before = new AtomicReference<>();
    AtomicReference<Instant> after = new AtomicReference<>();
    Requests.onNewThread(
        "worker-1",
        // on the request's own scopes, as a servlet integration forks them: the user stays there
        () -> Requests.inRequest(() -> {
          threadId.set(Thread.currentThread().getId());
          ITransaction tx = Requests.startTransaction("POST /checkout", "http.server");
          span.set(tx.startChild("payment.charge"));
          User user = new User();
          user.setId("u-42");
          user.setUsername("alice");
          user.setEmail("alice@example.com");
          Sentry.setUser(user);
          before.set(Instant.now());
          logTheLine.run();
          after.set(Instant.now());
          span.get().finish();
          tx.finish();
        }));

    SentryLogEvent entry = flushUntilLogged(receiver, wait, l -> "order 42 paid".equals(l.getBody()));
    assertThat(entry.getLevel()).isEqualTo(SentryLogLevel.INFO);
    assertThat(entry.getSeverityNumber()).isEqualTo(SentryLogLevel.INFO.getSeverityNumber());
    assertLoggedBetween(entry, before.get(), after.get());
    assertLinkedTo(entry, span.get());
    Map<String, Object> attributes = attributes(entry);
    assertThat(attributes)
        .containsEntry("sentry.message.template", "order {} paid")
        .containsEntry("sentry.origin", origin)
        .containsEntry("logger.name", logger)
        .containsEntry("thread.name", "worker-1")
        .containsEntry("mdc.request.id", "r-7")
        .containsEntry("mdc.tenant", "acme")
        .containsEntry("marker", "BILLING")
        .containsEntry("sentry.environment", "staging")
        .containsEntry("sentry.release", "shop@1.4.2")
        .containsEntry("server.address", "api-1")
        .containsEntry("user.id", "u-42")
        .containsEntry("user.name", "alice")
        .containsEntry("user.email", "alice@example.com")
        .doesNotContainKey("mdc.session")
        .doesNotContainKey("sentry.message.parameter.1");
    assertThat(((Number) attributes.get("thread.id")).longValue()).isEqualTo(threadId.get());
    assertIntegerAttribute(entry, "sentry.message.parameter.0", 42);
    return attributes;
  }

  /**
   * With Logs on and {@code contextTags=request.*, tenant}: {@code logBoth} puts {@code
   * request.id=r-9}, {@code tenant=acme} and {@code session=s-2} into the context, logs the INFO
   * line {@code "order 7 shipped"} and the error {@code "payment failed"} with an exception, and
   * clears the context. The error carries the whole context (the tags, and {@code session} in its
   * MDC context), while both log entries carry only the keys {@code contextTags} selects.
   *
   * @param receiver where the events and entries arrive
   * @param wait how long to wait for them
   * @param logBoth logs both lines with that context, and clears it
   */
  public static void anErrorKeepsTheWholeContextAndLogEntriesOnlyTheContextTags(
      LoopbackSentryReceiver receiver, Duration wait, Runnable logBoth) {
    logBoth.run();

    SentryEvent error = receiver.awaitEvents(1, wait).get(0);
    assertThat(error.getTag("request.id")).isEqualTo("r-9");
    assertThat(error.getTag("tenant")).isEqualTo("acme");
    assertThat(error.getContexts().get("MDC")).isEqualTo(Map.of("session", "s-2"));
    for (String body : List.of("order 7 shipped", "payment failed")) {
      SentryLogEvent entry = flushUntilLogged(receiver, wait, l -> body.equals(l.getBody()));
      assertThat(attributes(entry))
          .as(body)
          .containsEntry("mdc.request.id", "r-9")
          .containsEntry("mdc.tenant", "acme")
          .doesNotContainKey("mdc.session");
    }
  }

  /**
   * With Logs off (a configuration without {@code logs.enabled}): an INFO line sends no log item,
   * and an error is sent as ever.
   *
   * @param receiver where the events arrive
   * @param wait how long to wait for the error
   * @param info the backend's INFO call
   * @param error the backend's ERROR call
   */
  public static void withLogsOffNoLogItemIsSent(
      LoopbackSentryReceiver receiver, Duration wait, LogCall info, LogCall error) {
    info.log("a line");
    error.log("payment failed", new IllegalStateException("declined"));
    receiver.awaitEvents(1, wait);
    SentryBridge.service().flush(wait);

    assertThat(receiver.logCount()).isZero();
    assertThat(receiver.logEnvelopeCount()).isZero();
  }

  /**
   * Logs overflowing everything that holds them, against a receiver answering after 1 s: the error
   * logged after them arrives without waiting for the log envelopes queued before it, and every
   * line is delivered or counted as dropped in the warnings.
   *
   * @param receiver where the events and entries arrive
   * @param wait how long to wait for the error
   * @param info the backend's INFO call
   * @param error the backend's ERROR call
   * @param stopLogging stops the logging configuration, which delivers what is left
   * @param warnings the warnings the backend reported, read after the stop
   */
  public static void whenLogsOverflowAnErrorGoesFirstAndEveryEntryIsCounted(
      LoopbackSentryReceiver receiver,
      Duration wait,
      LogCall info,
      LogCall error,
      Runnable stopLogging,
      Supplier<? extends Iterable<String>> warnings) {
    AtomicInteger logEnvelopesBeforeError = new AtomicInteger(-1);
    receiver.onEvent(event -> logEnvelopesBeforeError.set(receiver.logEnvelopeCount()));
    receiver.countLogsOnly();
    receiver.delayAnswers(Duration.ofSeconds(1));
    // more than the logs queue and the log envelopes the outbox keeps (32 of up to 240 KB) hold
    int lines = 30_000;
    for (int i = 0; i < lines; i++) {
      info.log("line {}", i);
    }
    error.log("payment failed", new IllegalStateException("declined"));

    SentryEvent sent = receiver.awaitEvents(1, wait).get(0);
    assertThat(sent.getExceptions()).extracting(e -> e.getValue()).contains("declined");
    receiver.delayAnswers(Duration.ZERO);
    stopLogging.run(); // delivers what is left within flushTimeout

    // the error did not wait for the log envelopes queued before it
    assertThat(logEnvelopesBeforeError.get()).isLessThan(receiver.logEnvelopeCount());
    long dropped = droppedCount(warnings.get());
    assertThat(dropped).isPositive();
    // the error line is a log entry too
    assertThat(receiver.logCount() + dropped).isEqualTo(lines + 1);
  }

  /**
   * Half a G1 region of the smallest size (1 MiB): an array this long or longer is allocated as
   * humongous. A {@code log} item's JSON is one array grown by doubling, so every item must stay
   * under half of it.
   */
  public static final int HUMONGOUS_BYTES = 512 * 1024;

  /**
   * Lines long enough that a full batch of them would make a {@code log} item of megabytes: they
   * are split into several items, each of several entries and under half of {@link
   * #HUMONGOUS_BYTES} (its JSON array and every step of that array's growth stay under it), and
   * every entry arrives once.
   *
   * @param receiver where the entries arrive
   * @param wait how long to wait for them
   * @param info the backend's INFO call
   */
  public static void longLinesAreSplitIntoLogItemsUnderTheHumongousSize(
      LoopbackSentryReceiver receiver, Duration wait, LogCall info) {
    int lines = 1_000;
    String filler = "x".repeat(2_000);
    for (int i = 0; i < lines; i++) {
      info.log("long line {} {}", i, filler);
    }
    List<SentryLogEvent> entries = flushUntilCount(receiver, wait, lines);

    assertThat(entries).hasSize(lines);
    assertThat(entries)
        .extracting(SentryLogEvent::getBody)
        .doesNotHaveDuplicates()
        .allMatch(body -> body.startsWith("long line ") && body.endsWith(filler));
    // 1,000 lines of 2 KB: at least 2 MB of JSON, so at least eight items under 256 KiB
    assertThat(receiver.logItemLengths()).hasSizeGreaterThanOrEqualTo(8);
    assertThat(receiver.logItemLengths()).allMatch(length -> length < HUMONGOUS_BYTES / 2);
    assertThat(receiver.logBatchSizes()).allMatch(size -> size > 1);
  }

  /**
   * With {@code minimumLevel=WARN}: five INFO and five WARN lines, then {@code topLine} (a line
   * without throwable at a level above WARN, whose message is {@code topBody}); only the WARN lines
   * and the top one arrive, several per envelope, and no event (requireThrowable).
   *
   * @param receiver where the entries arrive
   * @param wait how long to wait for them
   * @param info the backend's INFO call
   * @param warn the backend's WARN call
   * @param topLine logs the line above WARN
   * @param topBody that line's message
   * @param topLevel that line's Sentry level
   */
  public static void onlyLinesAtOrAboveMinimumLevelAreSentSeveralPerEnvelope(
      LoopbackSentryReceiver receiver,
      Duration wait,
      LogCall info,
      LogCall warn,
      Runnable topLine,
      String topBody,
      SentryLogLevel topLevel) {
    for (int i = 0; i < 5; i++) {
      info.log("info line {}", i);
      warn.log("warn line {}", i);
    }
    topLine.run();
    List<SentryLogEvent> entries = flushUntilCount(receiver, wait, 6);
    assertThat(entries)
        .extracting(SentryLogEvent::getBody)
        .containsExactlyInAnyOrder(
            "warn line 0", "warn line 1", "warn line 2", "warn line 3", "warn line 4", topBody);
    assertThat(entries)
        .extracting(SentryLogEvent::getLevel)
        .containsOnly(SentryLogLevel.WARN, topLevel);
    assertThat(receiver.logBatchSizes()).anyMatch(size -> size > 1);
    assertThat(receiver.logEnvelopeCount()).isLessThan(entries.size());
    // the line without a throwable is no event (requireThrowable): no event arrived
    assertThat(receiver.events()).isEmpty();
  }

  /**
   * Lines of two loggers, with different templates, logged in turn on two threads: each entry
   * carries its own logger, thread, template and parameters, however the logs thread reuses what
   * repeats from one entry to the next. A number logged next to an argument whose text may change
   * (a {@code StringBuilder}) keeps its type too; atomic numbers and a {@code BigDecimal} are sent
   * with the SDK's types for them, an atomic number with its value when it was logged.
   *
   * @param receiver where the entries arrive
   * @param wait how long to wait for them
   * @param loggerA the name of the logger {@code infoA} logs through
   * @param infoA the backend's INFO call on {@code loggerA}
   * @param loggerB the name of the logger {@code infoB} logs through
   * @param infoB the backend's INFO call on {@code loggerB}
   */
  public static void eachEntryCarriesItsOwnLoggerThreadTemplateAndParameters(
      LoopbackSentryReceiver receiver,
      Duration wait,
      String loggerA,
      LogCall infoA,
      String loggerB,
      LogCall infoB) {
    Map<String, Long> threadIds = new TreeMap<>();
    Requests.onNewThread(
        "worker-a",
        () -> {
          threadIds.put("worker-a", Thread.currentThread().getId());
          infoA.log("order {} paid", 42);
          infoB.log("cart {} loaded by {}", 7L, new StringBuilder("ann"));
          infoA.log("order {} paid", 43);
        });
    Requests.onNewThread(
        "worker-b",
        () -> {
          threadIds.put("worker-b", Thread.currentThread().getId());
          infoB.log("cart {} loaded by {}", 8L, new StringBuilder("bob"));
          infoA.log("refund {} approved: {}", 5, true);
          AtomicLong invoice = new AtomicLong(9);
          infoA.log(
              "invoice {} total {} ({} retries)", invoice, new BigDecimal("12.50"),
              new AtomicInteger(2));
          invoice.set(99); // after the line: the entry keeps the value it was logged with
        });

    List<SentryLogEvent> entries = flushUntilCount(receiver, wait, 6);
    assertThat(entries)
        .extracting(SentryLogEvent::getBody)
        .containsExactlyInAnyOrder(
            "order 42 paid",
            "cart 7 loaded by ann",
            "order 43 paid",
            "cart 8 loaded by bob",
            "refund 5 approved: true",
            "invoice 9 total 12.50 (2 retries)");
    assertThat(threadIds.get("worker-a")).isNotEqualTo(threadIds.get("worker-b"));
    for (SentryLogEvent entry : entries) {
      String body = entry.getBody();
      Map<String, Object> attributes = attributes(entry);
      String thread = body.startsWith("order") || body.contains("ann") ? "worker-a" : "worker-b";
      assertThat(attributes)
          .as(body)
          .containsEntry("thread.name", thread)
          .containsEntry(
              "logger.name", body.startsWith("cart") ? loggerB : loggerA)
          .containsEntry(
              "sentry.message.template",
              body.startsWith("order")
                  ? "order {} paid"
                  : body.startsWith("cart")
                      ? "cart {} loaded by {}"
                      : body.startsWith("refund")
                          ? "refund {} approved: {}"
                          : "invoice {} total {} ({} retries)");
      assertThat(((Number) attributes.get("thread.id")).longValue())
          .as(body)
          .isEqualTo(threadIds.get(thread));
      long number = Long.parseLong(body.replaceAll("\\D*(\\d+).*", "$1"));
      assertIntegerAttribute(entry, "sentry.message.parameter.0", number);
    }
    SentryLogEvent cart = entries.stream().filter(e -> e.getBody().contains("ann")).findFirst().get();
    assertThat(attributes(cart)).containsEntry("sentry.message.parameter.1", "ann");
    SentryLogEvent refund =
        entries.stream().filter(e -> e.getBody().startsWith("refund")).findFirst().get();
    assertThat(refund.getAttributes().get("sentry.message.parameter.1").getType())
        .isEqualTo("boolean");
    assertThat(attributes(refund)).containsEntry("sentry.message.parameter.1", true);
    // the types the SDK gives these values (SentryAttributeType.inferFrom), as the official
    // appenders send them
    SentryLogEvent invoice =
        entries.stream().filter(e -> e.getBody().startsWith("invoice")).findFirst().get();
    assertIntegerAttribute(invoice, "sentry.message.parameter.0", 9); // not 99, set after the line
    assertIntegerAttribute(invoice, "sentry.message.parameter.2", 2);
    assertThat(invoice.getAttributes().get("sentry.message.parameter.1").getType())
        .isEqualTo("double");
    assertThat(((Number) attributes(invoice).get("sentry.message.parameter.1")).doubleValue())
        .isEqualTo(12.5);
  }
}
