package org.sentrybridge.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sentry.Breadcrumb;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.protocol.SentryId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event a record makes, without the SDK or a transport. */
class EventFactoryTest {

  private static final Instant LOGGED = Instant.parse("2026-01-02T03:04:05.678Z");

  private static LogRecord.Builder record() {
    return LogRecord.builder(LogLevel.ERROR, "com.example.Checkout")
        .message("order {} failed", "order 42 failed")
        .arguments(new Object[] {42})
        .thread("http-1", 7)
        .timestamp(LOGGED);
  }

  @Test
  void aLoggedErrorCarriesItsMessageLevelTimeExceptionAndThread() {
    IllegalStateException error = new IllegalStateException("boom");
    LogRecord record = record().throwable(error).build();

    SentryEvent event =
        EventFactory.create(record, CaptureRules.builder("logback").build(), null, null, null, true);

    assertThat(event.getMessage().getMessage()).isEqualTo("order {} failed");
    assertThat(event.getMessage().getFormatted()).isEqualTo("order 42 failed");
    assertThat(event.getMessage().getParams()).containsExactly("42");
    assertThat(event.getLevel()).isEqualTo(SentryLevel.ERROR);
    assertThat(event.getTimestamp().toInstant()).isEqualTo(LOGGED);
    assertThat(event.getThrowable()).isSameAs(error);
    assertThat(event.getLogger()).isEqualTo("com.example.Checkout");
    assertThat(event.getThreads()).singleElement()
        .satisfies(t -> assertThat(t.getName()).isEqualTo("http-1"));
    assertThat(event.getExtra("thread_name")).isEqualTo("http-1");
    assertThat(event.getContexts().getOperatingSystem()).isNotNull();
  }

  @Test
  void contextDataBecomesTagsUserAndTheMdcContextWithoutTheTraceIdKeys() {
    LogRecord record =
        record()
            .contextData(
                Map.of(
                    "request.id", "r-1", "userId", "u-9", "other", "x",
                    TraceIdKeys.TRACE_ID, "0123456789abcdef0123456789abcdef"))
            .build();
    CaptureRules rules =
        CaptureRules.builder("log4j2").contextTags(List.of("request.*"))
            .userMdcKey("id", "userId").build();

    SentryEvent event = EventFactory.create(record, rules, null, null, null, true);

    assertThat(event.getTag("request.id")).isEqualTo("r-1");
    assertThat(event.getUser().getId()).isEqualTo("u-9");
    @SuppressWarnings("unchecked")
    Map<String, Object> mdc =
        (Map<String, Object>) event.getContexts().get(EventFactory.MDC_CONTEXT);
    assertThat(mdc).containsOnlyKeys("userId", "other");
  }

  @Test
  void withoutMetadataOnlyTheErrorItselfIsSent() {
    LogRecord record =
        record().throwable(new IllegalStateException()).contextData(Map.of("k", "v")).build();

    SentryEvent event =
        EventFactory.create(
            record, CaptureRules.builder("logback").build(), null, null, null, false);

    assertThat(event.getMessage().getFormatted()).isEqualTo("order 42 failed");
    assertThat(event.getLogger()).isNull();
    assertThat(event.getThreads()).isEmpty();
    assertThat(event.getContexts().get(EventFactory.MDC_CONTEXT)).isNull();
  }

  @Test
  void breadcrumbsAreTheGivenLogLinesFormattedInOrder() {
    BreadcrumbRing ring = new BreadcrumbRing(5);
    ring.add(LOGGED.minusSeconds(2), LogLevel.INFO, "a", "first {}", new Object[] {"1"}, null);
    ring.add(LOGGED.minusSeconds(1), LogLevel.WARN, "b", "second");

    SentryEvent event =
        EventFactory.create(
            record().build(), CaptureRules.builder("logback").build(), ring.snapshot(), null,
            null, true);

    assertThat(event.getBreadcrumbs())
        .extracting(Breadcrumb::getMessage, Breadcrumb::getCategory, Breadcrumb::getLevel)
        .containsExactly(
            tuple("first 1", "a", SentryLevel.INFO), tuple("second", "b", SentryLevel.WARNING));
  }

  @Test
  void anErrorSentByHandHasTheCallersThreadOnlyWithMetadata() {
    SentryId id = new SentryId();
    IllegalStateException error = new IllegalStateException("by hand");

    SentryEvent event = EventFactory.createManual(error, id, "worker-3", 3, null, true);
    SentryEvent bare = EventFactory.createManual(error, id, "worker-3", 3, null, false);

    assertThat(event.getEventId()).isEqualTo(id);
    assertThat(event.getThrowable()).isSameAs(error);
    assertThat(event.getThreads()).singleElement()
        .satisfies(t -> assertThat(t.getName()).isEqualTo("worker-3"));
    assertThat(bare.getThreads()).isEmpty();
  }
}
