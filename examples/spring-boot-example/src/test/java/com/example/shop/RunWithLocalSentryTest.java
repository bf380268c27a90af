package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sentrybridge.testing.ChildJvm;

/** The README's Spring Boot command: the application against a local receiver. */
class RunWithLocalSentryTest {

  @Test
  void withoutSentryDsnPrintsWhatTheLocalReceiverGot() throws Exception {
    ChildJvm run = ChildJvm.run(RunWithLocalSentry.class);

    assertThat(run.exitCode).as(run.output).isZero();
    assertThat(run.output)
        .contains("No SENTRY_DSN set: events go to a local Sentry receiver at http://")
        .contains("POST /orders/A-1001/checkout -> 200")
        .contains("POST /orders/A-1002/cancel -> 500")
        // the logged error, with its request, route, MDC tag and breadcrumb
        .contains("exception: java.lang.IllegalStateException: card declined for order A-1001")
        .containsPattern("request: +POST http://127\\.0\\.0\\.1:\\d+/orders/A-1001/checkout")
        .contains("transaction: POST /orders/{orderId}/checkout")
        .containsPattern("tags: .*orderId=A-1001")
        .contains("last: charging order A-1001")
        // the unhandled one, once
        .contains("exception: java.lang.UnsupportedOperationException: order A-1002 is already shipped")
        .contains("unhandled: yes (HandlerExceptionResolver)")
        .doesNotContain("events arrived at the local receiver");
    assertThat(run.output.split("--- Sentry event ", -1))
        .as(run.output)
        .hasSize(RunWithLocalSentry.EXPECTED_EVENTS + 1);
  }
}
