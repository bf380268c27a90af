package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.SentryEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.ChildJvm;

/**
 * Errors logged during a graceful shutdown (request drain, bean destruction) arrive: the
 * integration closes when Logback is stopped, or, when nothing stops Logback, once the
 * application's shutdown hooks are done, however long they went without logging.
 */
class ErrorsAtShutdownTest {

  @TempDir Path buffer;

  @Test
  void errorsOfTheDrainAndOfBeanDestructionArriveAndLogbackStopClosesTheIntegration()
      throws Exception {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      ChildJvm run = ChildJvm.run(StopsLoggingLastAtExit.class, receiver.dsn(), buffer.toString());

      assertThat(run.exitCode).as(run.output).isZero();
      assertThat(run.output).contains("logging stopped");
      List<SentryEvent> events = receiver.events();
      // the drained requests fail alike: flood control sends the first and a summary counting
      // the rest; every occurrence is accounted for
      assertThat(occurrences(events, "request {} failed while draining"))
          .isEqualTo(StopsLoggingLastAtExit.DRAINED_REQUESTS);
      assertThat(occurrences(events, "could not close the connection pool")).isEqualTo(1);
      assertThat(events).hasSize(3);
    }
  }

  @Test
  void anErrorLoggedAfterAShutdownLongerThanFlushTimeoutArrivesWithoutLogbackBeingStopped()
      throws Exception {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      ChildJvm run = ChildJvm.run(LogsLateAtExit.class, receiver.dsn(), buffer.toString());

      assertThat(run.exitCode).as(run.output).isZero();
      assertThat(run.output).contains("late error logged").doesNotContain("lost", "kept in");
      // the child has exited: nothing more can come
      assertThat(receiver.events())
          .singleElement()
          .satisfies(e -> assertThat(e.getMessage().getFormatted()).isEqualTo(LogsLateAtExit.MESSAGE));
    }
  }

  private static long occurrences(List<SentryEvent> events, String template) {
    return events.stream()
        .filter(e -> template.equals(e.getMessage().getMessage()))
        .mapToLong(e -> e.getTag("repeats") == null ? 1 : Long.parseLong(e.getTag("repeats")))
        .sum();
  }
}
