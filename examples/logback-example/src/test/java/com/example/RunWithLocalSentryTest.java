package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sentrybridge.testing.ChildJvm;

/** The README's first command: the quick start against a local receiver, and --no-dsn. */
class RunWithLocalSentryTest {

  @Test
  void withoutSentryDsnPrintsWhatTheLocalReceiverGot() throws Exception {
    ChildJvm run = ChildJvm.run(RunWithLocalSentry.class);

    assertThat(run.exitCode).as(run.output).isZero();
    assertThat(run.output)
        .contains("No SENTRY_DSN set: events go to a local Sentry receiver at http://")
        .contains("logback status: sentry-bridge sends errors to http://***@127.0.0.1:")
        // the logged error, with the tag from contextTags, the user from userMdcKeys
        .contains("exception: java.lang.IllegalStateException: card declined for order A-1001")
        .contains("message:   payment failed for order A-1001")
        .containsPattern("tags: .*orderId=A-1001")
        .contains("user:      id=u-42")
        .contains("breadcrumbs: 1, last: charging order A-1001")
        .contains("at " + App.class.getName() + ".charge(")
        // the error sent by hand, with the tag its scope configurator set
        .contains("exception: java.lang.IllegalStateException: only 1 of 3 items of SKU-777 left")
        .containsPattern("tags: .*sku=SKU-777")
        // Sentry Logs (logs.enabled in the XML): both lines as log entries
        .contains("--- Sentry log [info] charging order A-1001")
        .contains("--- Sentry log [error] payment failed for order A-1001")
        .doesNotContain("events arrived at the local receiver")
        .doesNotContain("log entries arrived at the local receiver");
    assertThat(run.output.split("--- Sentry event ", -1))
        .hasSize(RunWithLocalSentry.EXPECTED_EVENTS + 1);
  }

  @Test
  void noDsnRunsInPassThroughModeAndSaysSo() throws Exception {
    ChildJvm run = ChildJvm.run(RunWithLocalSentry.class, "--no-dsn");

    assertThat(run.exitCode).as(run.output).isZero();
    assertThat(run.output)
        .contains("logback status: sentry-bridge is disabled because no Sentry DSN was provided")
        .contains("payment failed for order A-1001")
        .doesNotContain("--- Sentry event");
  }
}
