package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.logback.LogbackFixture.WAIT;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.sentry.Breadcrumb;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryStackFrame;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

class EventFieldsTest {

  @RegisterExtension final LogbackFixture logging = new LogbackFixture();

  private static final String LOGGER = "com.example.checkout.OrderService";

  @Test
  void loggedErrorArrivesWithEveryField() {
    logging.open("full-event.xml");
    Logger log = logging.logback.logger(LOGGER);
    MDC.put("request.id", "r-17");
    MDC.put("request.path", "/orders");
    MDC.put("tenant", "acme");
    MDC.put("cart", "3 items");
    MDC.put("userId", "u-42");
    MDC.put("userEmail", "ann@example.com");
    MDC.put("clientIp", "10.0.0.7");
    MDC.put("login", "ann");
    Marker billing = MarkerFactory.getDetachedMarker("BILLING");
    billing.add(MarkerFactory.getDetachedMarker("CONFIDENTIAL"));
    Marker audit = MarkerFactory.getDetachedMarker("AUDIT");
    IllegalStateException error =
        new IllegalStateException("order failed", new IOException("disk full"));
    error.addSuppressed(new TimeoutException("rollback timed out"));

    log.atError()
        .addMarker(billing)
        .addMarker(audit)
        .setMessage("order {} for {} failed")
        .addArgument(42)
        .addArgument((Object) null)
        .addKeyValue("orderId", 42)
        .addKeyValue("region", "eu")
        .setCause(error)
        .log();

    SentryEvent event = logging.receiver.awaitEvents(1, WAIT).get(0);
    ILoggingEvent logged = logging.loggedEvents().get(0);

    assertThat(event.getMessage().getMessage()).isEqualTo("order {} for {} failed");
    assertThat(event.getMessage().getFormatted()).isEqualTo("order 42 for null failed");
    assertThat(event.getMessage().getParams()).isEqualTo(Arrays.asList("42", null));
    assertThat(event.getLevel()).isEqualTo(SentryLevel.ERROR);
    assertThat(event.getLogger()).isEqualTo(LOGGER);
    assertThat(event.getTimestamp().toInstant())
        .isEqualTo(logged.getInstant().truncatedTo(ChronoUnit.MILLIS));
    assertThat(event.getExtra("thread_name")).isEqualTo(Thread.currentThread().getName());
    assertThat(event.getThreads()).extracting(t -> t.getName())
        .containsExactly(Thread.currentThread().getName());

    assertThat(event.getTag("marker")).isEqualTo("BILLING");
    assertThat(asList(event.getExtra("markers")))
        .containsExactly("BILLING", "CONFIDENTIAL", "AUDIT");
    assertThat(asMap(event.getContexts().get("KeyValues")))
        .containsEntry("orderId", "42")
        .containsEntry("region", "eu");

    assertThat(event.getTag("request.id")).isEqualTo("r-17");
    assertThat(event.getTag("request.path")).isEqualTo("/orders");
    assertThat(event.getTag("tenant")).isEqualTo("acme");
    Map<String, Object> mdc = asMap(event.getContexts().get("MDC"));
    assertThat(mdc).containsEntry("cart", "3 items").doesNotContainKeys("request.id", "tenant");
    assertThat(event.getUser().getId()).isEqualTo("u-42");
    assertThat(event.getUser().getEmail()).isEqualTo("ann@example.com");
    assertThat(event.getUser().getIpAddress()).isEqualTo("10.0.0.7");
    assertThat(event.getUser().getUsername()).isEqualTo("ann");

    assertThat(event.getEnvironment()).isEqualTo("staging");
    assertThat(event.getRelease()).isEqualTo("shop@1.4.2");
    assertThat(event.getServerName()).isEqualTo("api-1");

    List<SentryException> exceptions = event.getExceptions();
    assertThat(exceptions).extracting(SentryException::getType)
        .contains("IllegalStateException", "IOException", "TimeoutException");
    assertThat(exceptions).extracting(SentryException::getValue)
        .contains("order failed", "disk full", "rollback timed out");
    SentryException top = exceptions.stream()
        .filter(e -> e.getType().equals("IllegalStateException")).findFirst().orElseThrow();
    assertThat(top.getMechanism().getType()).isEqualTo("logback");
    assertThat(top.getMechanism().isHandled()).isTrue();
    List<SentryStackFrame> ownFrames = top.getStacktrace().getFrames().stream()
        .filter(f -> getClass().getName().equals(f.getModule()))
        .collect(Collectors.toList());
    assertThat(ownFrames).isNotEmpty().allMatch(f -> Boolean.TRUE.equals(f.isInApp()));
  }

  @Test
  void warnIsNoEventButABreadcrumbOfTheNextEvent() {
    logging.open("full-event.xml");
    Logger log = logging.logback.logger(LOGGER);

    log.debug("below the breadcrumb level");
    log.info("cart loaded");
    log.warn("payment slow for {}", "order-9");
    log.error("payment failed", new IllegalStateException("declined"));

    SentryEvent event = logging.receiver.awaitEvents(1, WAIT).get(0);
    List<ILoggingEvent> logged = logging.loggedEvents();
    ILoggingEvent info = logged.stream().filter(e -> e.getLevel() == Level.INFO).findFirst().get();
    ILoggingEvent warn = logged.stream().filter(e -> e.getLevel() == Level.WARN).findFirst().get();
    List<Breadcrumb> crumbs = event.getBreadcrumbs();
    assertThat(crumbs).extracting(Breadcrumb::getMessage)
        .containsExactly("cart loaded", "payment slow for order-9");
    assertThat(crumbs).extracting(Breadcrumb::getLevel)
        .containsExactly(SentryLevel.INFO, SentryLevel.WARNING);
    assertThat(crumbs).extracting(Breadcrumb::getCategory).containsOnly(LOGGER);
    assertThat(crumbs.get(0).getTimestamp().toInstant())
        .isEqualTo(info.getInstant().truncatedTo(ChronoUnit.MILLIS));
    assertThat(crumbs.get(1).getTimestamp().toInstant())
        .isEqualTo(warn.getInstant().truncatedTo(ChronoUnit.MILLIS));

    logging.logback.close(); // delivers everything pending
    assertThat(logging.receiver.events()).hasSize(1);
  }

  @Test
  void withoutMetadataOnlyExceptionMessageLevelAndTimestampAreSent() {
    logging.open("no-metadata.xml");
    Logger log = logging.logback.logger(LOGGER);
    MDC.put("request.id", "r-17");
    MDC.put("userId", "u-42");
    log.info("cart loaded");

    log.atError()
        .addMarker(MarkerFactory.getDetachedMarker("BILLING"))
        .addKeyValue("orderId", 42)
        .setMessage("order {} failed")
        .addArgument(42)
        .setCause(new IllegalStateException("declined"))
        .log();

    SentryEvent event = logging.receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.getExceptions()).extracting(SentryException::getValue)
        .containsExactly("declined");
    assertThat(event.getMessage().getFormatted()).isEqualTo("order 42 failed");
    assertThat(event.getLevel()).isEqualTo(SentryLevel.ERROR);
    assertThat(event.getTimestamp()).isNotNull();
    assertThat(event.getLogger()).isNull();
    assertThat(event.getTags()).isNullOrEmpty();
    assertThat(event.getUser()).isNull();
    assertThat(event.getBreadcrumbs()).isNullOrEmpty();
    assertThat(event.getThreads()).isNullOrEmpty();
    assertThat(event.getExtras()).isNullOrEmpty();
    assertThat(event.getServerName()).isNull();
    assertThat(Collections.list(event.getContexts().keys()))
        .doesNotContain("MDC", "KeyValues", "os", "runtime");
  }

  @SuppressWarnings("unchecked")
  static List<Object> asList(Object value) {
    return (List<Object>) value;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }
}
