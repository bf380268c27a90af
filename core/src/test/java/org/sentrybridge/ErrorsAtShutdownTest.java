package org.sentrybridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.SentryEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.ChildJvm;

/**
 * Errors the application logs while it shuts down, in its own shutdown hooks, arrive: the
 * integration's exit hook does not close while the application's shutdown hooks run, however long
 * they go without logging.
 */
class ErrorsAtShutdownTest {

  @TempDir Path buffer;

  @Test
  void errorsLoggedForTwoSecondsAfterTheExitBeganAllArrive() throws Exception {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      ChildJvm run = ChildJvm.run(LogsWhileExiting.class, receiver.dsn(), buffer.toString(), "drain");

      assertThat(run.exitCode).as(run.output).isZero();
      assertThat(run.output).contains("drained").doesNotContain("lost", "kept in");
      List<String> messages = messages(receiver);
      assertThat(messages).hasSize(LogsWhileExiting.DRAIN_ERRORS).doesNotHaveDuplicates();
      assertThat(messages).allMatch(m -> m.endsWith("failed while draining"));
    }
  }

  @Test
  void anErrorLoggedWhileBeansAreDestroyedArrives() throws Exception {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      ChildJvm run =
          ChildJvm.run(LogsWhileExiting.class, receiver.dsn(), buffer.toString(), "destroy");

      assertThat(run.exitCode).as(run.output).isZero();
      assertThat(run.output).contains("destroyed");
      assertThat(messages(receiver)).containsExactly("could not close the connection pool");
    }
  }

  @Test
  void anErrorLoggedAfterAShutdownLongerThanFlushTimeoutWithoutErrorsArrives() throws Exception {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      ChildJvm run = ChildJvm.run(LogsWhileExiting.class, receiver.dsn(), buffer.toString(), "late");

      assertThat(run.exitCode).as(run.output).isZero();
      assertThat(run.output).contains("late error logged").doesNotContain("lost", "kept in");
      assertThat(messages(receiver)).containsExactly("the last request failed after a long drain");
    }
  }

  /** What arrived; the child has exited, so nothing more can come. */
  private static List<String> messages(LoopbackSentryReceiver receiver) {
    return receiver.events().stream()
        .map(SentryEvent::getExceptions)
        .map(exceptions -> exceptions.get(0).getValue())
        .collect(Collectors.toList());
  }
}
