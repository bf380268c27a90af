package com.example.logback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sentrybridge.testing.ChildJvm;

class LogbackExampleTest {

  @Test
  void withoutSentryDsnPrintsWhatTheLocalReceiverGot() throws Exception {
    ChildJvm run = ChildJvm.run(LogbackExample.class);

    assertThat(run.exitCode).as(run.output).isZero();
    assertThat(run.output)
        .contains("No SENTRY_DSN set: events go to a local Sentry receiver at http://")
        // the logged error, with the tag from contextTags, the rest of the MDC and the user
        .contains("exception: " + PaymentDeclinedException.class.getName()
            + ": card declined for order " + CheckoutJob.ORDER_ID)
        .contains("caused by: java.io.IOException: gateway answered 402")
        .contains("message:   payment failed for order " + CheckoutJob.ORDER_ID)
        .containsPattern("tags: .*orderId=" + CheckoutJob.ORDER_ID)
        .containsPattern("MDC: .*requestId=" + CheckoutJob.REQUEST_ID)
        .contains("user:      id=" + CheckoutJob.USER_ID)
        .contains("at " + CheckoutJob.class.getName() + ".charge(")
        // the error sent by hand, with the tags its scope configurator set
        .contains("exception: java.lang.IllegalStateException: only 1 of 3 items of "
            + CheckoutJob.SKU)
        .containsPattern("tags: .*component=inventory, .*sku=" + CheckoutJob.SKU)
        .doesNotContain("events arrived at the local receiver");
    assertThat(run.output.split("--- Sentry event ", -1)).hasSize(LogbackExample.EXPECTED_EVENTS + 1);
  }

  @Test
  void noDsnRunsInPassThroughModeAndSaysSo() throws Exception {
    ChildJvm run = ChildJvm.run(LogbackExample.class, "--no-dsn");

    assertThat(run.exitCode).as(run.output).isZero();
    assertThat(run.output)
        .contains("sentry-bridge is disabled because no Sentry DSN was provided")
        .contains("payment failed for order " + CheckoutJob.ORDER_ID)
        .doesNotContain("--- Sentry event");
  }
}
