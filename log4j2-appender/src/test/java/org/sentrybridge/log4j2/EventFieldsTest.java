package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.log4j2.LoggingFixture.WAIT;

import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.protocol.SentryException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.time.MutableInstant;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

@SuppressWarnings("unchecked")
class EventFieldsTest {

  @TempDir Path buffer;
  private LoggingFixture logging;

  @BeforeEach
  void start() {
    logging = LoggingFixture.start("log4j2-test-fields.xml", buffer);
  }

  @AfterEach
  void stop() {
    logging.close();
  }

  @Test
  void log4jApiEventCarriesEveryField() {
    Logger logger = logging.context.getLogger("com.example.checkout.OrderService");
    Marker parent = MarkerManager.getMarker("FIELDS_BILLING");
    Marker marker = MarkerManager.getMarker("FIELDS_INVOICE").setParents(parent);
    IllegalStateException error =
        new IllegalStateException("save failed", new IOException("disk full"));
    error.addSuppressed(new IllegalArgumentException("cleanup failed"));
    ThreadContext.put("request.id", "r-42");
    ThreadContext.put("tenant", "acme");
    ThreadContext.put("session", "s-1");
    ThreadContext.put("userId", "u-7");
    ThreadContext.put("userEmail", "u7@example.org");
    ThreadContext.push("outer");
    ThreadContext.push("inner");

    Instant before = Instant.now();
    logger.error(marker, "order {} for {} failed: {}", "o-1", null, "retry", error);
    Instant after = Instant.now();

    SentryEvent event = logging.receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.getMessage().getMessage()).isEqualTo("order {} for {} failed: {}");
    assertThat(event.getMessage().getFormatted()).isEqualTo("order o-1 for null failed: retry");
    assertThat(event.getMessage().getParams()).containsExactly("o-1", null, "retry");
    assertThat(event.getLevel()).isEqualTo(SentryLevel.ERROR);
    assertThat(event.getLogger()).isEqualTo("com.example.checkout.OrderService");
    assertThat(event.getThreads()).singleElement()
        .satisfies(t -> assertThat(t.getName()).isEqualTo(Thread.currentThread().getName()));
    assertThat(event.getExtra("thread_name")).isEqualTo(Thread.currentThread().getName());

    assertThat(event.getTag("marker")).isEqualTo("FIELDS_INVOICE");
    assertThat((List<Object>) event.getExtra("markers")).containsExactly("FIELDS_INVOICE", "FIELDS_BILLING");
    assertThat(event.getTag("request.id")).isEqualTo("r-42");
    assertThat(event.getTag("tenant")).isEqualTo("acme");
    assertThat(event.getTag("team")).isEqualTo("payments");
    assertThat(mdc(event))
        .containsEntry("session", "s-1")
        .containsEntry("userId", "u-7")
        .doesNotContainKeys("request.id", "tenant");
    assertThat(event.getUser().getId()).isEqualTo("u-7");
    assertThat(event.getUser().getEmail()).isEqualTo("u7@example.org");
    assertThat((List<Object>) event.getExtra("contextStack")).containsExactly("outer", "inner");

    assertThat(event.getTimestamp().toInstant())
        .isBetween(before.minusMillis(1), after.plusMillis(1));
    assertThat(event.getEnvironment()).isEqualTo("fields-env");
    assertThat(event.getRelease()).isEqualTo("fields@1.0");
    assertThat(event.getServerName()).isEqualTo("fields-host");

    SentryException outer = exception(event, "IllegalStateException");
    assertThat(outer.getValue()).isEqualTo("save failed");
    assertThat(outer.getMechanism().getType()).isEqualTo("log4j2");
    assertThat(outer.getMechanism().isHandled()).isTrue();
    assertThat(exception(event, "IOException").getValue()).isEqualTo("disk full");
    SentryException suppressed = exception(event, "IllegalArgumentException");
    assertThat(suppressed.getValue()).isEqualTo("cleanup failed");
    assertThat(suppressed.getMechanism().getType()).isEqualTo("suppressed");
  }

  @Test
  void messagesLeftToTheDeliveryThreadReadAsLog4jWouldFormatThem() {
    Logger logger = logging.context.getLogger("com.example.checkout.OrderService");
    Date paidAt = new Date(0); // Log4j2 gives dates a text of its own: formatted when logged
    IllegalStateException error = new IllegalStateException("declined");

    logger.error("order {} of {} declined", 42, "ann", error);
    logger.error("order {} paid at {}", 43, paidAt, error);
    logger.error("literal \\{} then order {}", 44, error);

    List<SentryEvent> events = logging.receiver.awaitEvents(3, WAIT);
    assertThat(events)
        .extracting(event -> event.getMessage().getFormatted())
        .containsExactlyInAnyOrder(
            ParameterizedMessage.format("order {} of {} declined", new Object[] {42, "ann"}),
            ParameterizedMessage.format("order {} paid at {}", new Object[] {43, paidAt}),
            ParameterizedMessage.format("literal \\{} then order {}", new Object[] {44}));
  }

  @Test
  void fatalBecomesSentryFatal() {
    logging.context.getLogger("fatal.logger").fatal("cannot continue", new OutOfMemoryError("heap"));

    SentryEvent event = logging.receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.getLevel()).isEqualTo(SentryLevel.FATAL);
    assertThat(exception(event, "OutOfMemoryError").getValue()).isEqualTo("heap");
  }

  @Test
  void aBreadcrumbCarriesItsLogEventsOwnTime() {
    MutableInstant loggedAt = new MutableInstant();
    loggedAt.initFromEpochMilli(1_700_000_000_123L, 456_789);
    Log4jLogEvent line =
        Log4jLogEvent.newBuilder()
            .setLoggerName("replayed.logger")
            .setLevel(Level.INFO)
            .setMessage(new ParameterizedMessage("cart {} loaded", 7))
            .setInstant(loggedAt)
            .build();

    logging.context.getLogger("replayed.logger").get().log(line);
    logging.context.getLogger("replayed.logger").error("checkout failed", new TimeoutException());

    SentryEvent event = logging.receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.getBreadcrumbs())
        .filteredOn(crumb -> "cart 7 loaded".equals(crumb.getMessage()))
        .singleElement()
        .satisfies(crumb -> assertThat(crumb.getTimestamp().getTime())
            .isEqualTo(1_700_000_000_123L));
  }

  @Test
  void timestampAndContextComeFromTheEventNotTheAppendingThread() {
    MutableInstant loggedAt = new MutableInstant();
    loggedAt.initFromEpochMilli(1_700_000_000_123L, 456_789);
    SortedArrayStringMap contextData = new SortedArrayStringMap();
    contextData.putValue("request.id", "from-event");
    Log4jLogEvent logEvent =
        Log4jLogEvent.newBuilder()
            .setLoggerName("replayed.logger")
            .setLevel(Level.ERROR)
            .setMessage(new ParameterizedMessage("replayed {}", "once"))
            .setThrown(new TimeoutException("late"))
            .setInstant(loggedAt)
            .setContextData(contextData)
            .setThreadName("original-thread")
            .setThreadId(4242)
            .build();

    logging.context.getLogger("replayed.logger").get().log(logEvent);

    SentryEvent event = logging.receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.getTimestamp().getTime()).isEqualTo(1_700_000_000_123L);
    assertThat(event.getTag("request.id")).isEqualTo("from-event");
    assertThat(event.getThreads().get(0).getName()).isEqualTo("original-thread");
    assertThat(event.getThreads().get(0).getId()).isEqualTo(4242L);
    assertThat(event.getMessage().getFormatted()).isEqualTo("replayed once");
  }

  @Test
  void slf4jEventCarriesMarkersMdcParamsAndKeyValues() {
    org.slf4j.Logger logger = LoggerFactory.getLogger("com.example.slf4j.Billing");
    org.slf4j.Marker marker = MarkerFactory.getMarker("SLF4J_CHILD");
    marker.add(MarkerFactory.getMarker("SLF4J_PARENT"));
    MDC.put("request.id", "r-slf4j");
    MDC.put("session", "s-slf4j");
    IllegalStateException error = new IllegalStateException("slf4j boom", new IOException("io"));

    logger.error(marker, "charge {} of {} failed", null, "EUR 5", error);
    logger.atError()
        .setCause(new IllegalArgumentException("kv boom"))
        .addKeyValue("orderId", 42)
        .log("fluent with key-values");

    List<SentryEvent> events = logging.receiver.awaitEvents(2, WAIT);
    SentryEvent classic = byFormatted(events, "charge null of EUR 5 failed");
    assertThat(classic.getMessage().getMessage()).isEqualTo("charge {} of {} failed");
    assertThat(classic.getMessage().getParams()).containsExactly(null, "EUR 5");
    assertThat(classic.getLogger()).isEqualTo("com.example.slf4j.Billing");
    assertThat(classic.getLevel()).isEqualTo(SentryLevel.ERROR);
    assertThat(classic.getTag("marker")).isEqualTo("SLF4J_CHILD");
    assertThat((List<Object>) classic.getExtra("markers")).containsExactly("SLF4J_CHILD", "SLF4J_PARENT");
    assertThat(classic.getTag("request.id")).isEqualTo("r-slf4j");
    assertThat(mdc(classic)).containsEntry("session", "s-slf4j");
    assertThat(exception(classic, "IllegalStateException").getMechanism().getType())
        .isEqualTo("log4j2");
    assertThat(exception(classic, "IOException").getValue()).isEqualTo("io");
    assertThat(classic.getThreads().get(0).getName()).isEqualTo(Thread.currentThread().getName());

    SentryEvent fluent = byFormatted(events, "fluent with key-values");
    assertThat(mdc(fluent)).containsEntry("orderId", "42");
    assertThat(exception(fluent, "IllegalArgumentException").getValue()).isEqualTo("kv boom");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> mdc(SentryEvent event) {
    Object context = event.getContexts().get("MDC");
    assertThat(context).as("context MDC").isInstanceOf(Map.class);
    return (Map<String, Object>) context;
  }

  static SentryException exception(SentryEvent event, String type) {
    assertThat(event.getExceptions()).as("exceptions").isNotNull();
    return event.getExceptions().stream()
        .filter(e -> type.equals(e.getType()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " in " + event.getExceptions()));
  }

  static SentryEvent byFormatted(List<SentryEvent> events, String formatted) {
    return events.stream()
        .filter(e -> e.getMessage() != null && formatted.equals(e.getMessage().getFormatted()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no event '" + formatted + "'"));
  }
}
