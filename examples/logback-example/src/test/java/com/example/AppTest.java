package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Breadcrumb;
import io.sentry.SentryEvent;
import io.sentry.SentryLogEvent;
import io.sentry.protocol.SentryException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.ChildJvm;

/** The quick start as the README gives it: its own JVM, SENTRY_DSN in the environment. */
class AppTest {

  @Test
  void sendsTheLoggedErrorAndTheOneSentByHandToTheDsnOfItsEnvironment() throws Exception {
    try (LoopbackSentryReceiver sentry = LoopbackSentryReceiver.start()) {
      ChildJvm run = ChildJvm.run(Map.of("SENTRY_DSN", sentry.dsn()), App.class);

      assertThat(run.exitCode).as(run.output).isZero();
      List<SentryEvent> events = sentry.awaitEvents(2, Duration.ofSeconds(20));
      assertThat(events).as(run.output).hasSize(2);

      SentryEvent logged = withException(events, "card declined for order A-1001");
      assertThat(logged.getMessage().getFormatted()).isEqualTo("payment failed for order A-1001");
      assertThat(logged.getTag("orderId")).isEqualTo("A-1001");
      assertThat(logged.getUser().getId()).isEqualTo("u-42");
      assertThat(logged.getEnvironment()).isEqualTo("production");
      assertThat(logged.getBreadcrumbs())
          .extracting(Breadcrumb::getMessage)
          .contains("charging order A-1001");

      SentryEvent byHand = withException(events, "only 1 of 3 items of SKU-777 left");
      assertThat(byHand.getTag("sku")).isEqualTo("SKU-777");

      // Sentry Logs (logs.enabled in the XML): the INFO line and the error line, sent at exit
      assertThat(sentry.awaitLogs(2, Duration.ofSeconds(20)))
          .as(run.output)
          .extracting(SentryLogEvent::getBody)
          .containsExactlyInAnyOrder("charging order A-1001", "payment failed for order A-1001");
    }
  }

  private static SentryEvent withException(List<SentryEvent> events, String message) {
    return events.stream()
        .filter(
            e ->
                e.getExceptions() != null
                    && e.getExceptions().stream()
                        .map(SentryException::getValue)
                        .anyMatch(message::equals))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no event with the exception '" + message + "'"));
  }
}
