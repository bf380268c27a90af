package org.sentrybridge.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.protocol.Message;
import io.sentry.protocol.User;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventSummaryTest {

  private LoopbackSentryReceiver receiver;

  @BeforeEach
  void startReceiver() {
    receiver = LoopbackSentryReceiver.start();
  }

  @AfterEach
  void stop() {
    Sentry.close();
    receiver.close();
  }

  @Test
  void summarisesWhatArrivedOverHttp() {
    Sentry.init(
        options -> {
          options.setDsn(receiver.dsn());
          options.addInAppInclude("org.sentrybridge.devserver");
        });
    SentryEvent event =
        new SentryEvent(new IllegalStateException("payment declined", new RuntimeException("timeout")));
    event.setLevel(SentryLevel.ERROR);
    event.setLogger("shop.Checkout");
    Message message = new Message();
    message.setMessage("checkout failed for order {}");
    message.setFormatted("checkout failed for order 42");
    event.setMessage(message);
    event.setTag("order.id", "42");
    event.getContexts().put("MDC", Map.of("requestId", "r-7"));
    User user = new User();
    user.setId("u-1");
    user.setEmail("ann@example.com");
    event.setUser(user);
    Sentry.addBreadcrumb("charging order 42");
    Sentry.captureEvent(event);
    Sentry.flush(5_000);

    String summary = EventSummary.format(receiver.awaitEvents(1, Duration.ofSeconds(10)).get(0));

    assertThat(summary)
        .startsWith("--- Sentry event ")
        .contains("[error] logger=shop.Checkout")
        .contains("exception: java.lang.IllegalStateException: payment declined")
        .contains("caused by: java.lang.RuntimeException: timeout")
        .contains("message:   checkout failed for order 42")
        .contains("tags:      order.id=42")
        .contains("MDC:       requestId=r-7")
        .contains("user:      id=u-1 email=ann@example.com")
        .contains("breadcrumbs: 1, last: charging order 42")
        .contains("at org.sentrybridge.devserver.EventSummaryTest.summarisesWhatArrivedOverHttp(");
    assertThat(summary.indexOf("exception:")).isLessThan(summary.indexOf("caused by:"));
    assertThat(summary.lines().filter(line -> line.startsWith("    at "))).hasSize(1);
  }

  @Test
  void withoutInAppMarksShowsTheInnermostNonLibraryFrames() {
    Sentry.init(options -> options.setDsn(receiver.dsn()));
    Sentry.captureException(nested(5));
    Sentry.flush(5_000);

    String summary = EventSummary.format(receiver.awaitEvents(1, Duration.ofSeconds(10)).get(0));

    assertThat(summary.lines().filter(line -> line.startsWith("    at ")))
        .hasSize(EventSummary.FRAMES_SHOWN)
        .allMatch(line -> line.contains("EventSummaryTest.nested("));
  }

  private static Exception nested(int depth) {
    return depth == 0 ? new IllegalArgumentException("deep") : nested(depth - 1);
  }
}
