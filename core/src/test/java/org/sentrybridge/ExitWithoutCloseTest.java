package org.sentrybridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.SentryEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.ChildJvm;
import org.sentrybridge.testing.RecordingStatusReporter;

/** An application that exits without stopping its logging loses nothing. */
class ExitWithoutCloseTest {

  private static final int COUNT = 200;

  @TempDir Path buffer;

  @Test
  void errorsQueuedAtExitAreDelivered() throws Exception {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      // 200 requests can take more than 2 s on a loaded machine; the exit waits only until done
      ChildJvm run =
          ChildJvm.run(
              ExitsWithoutClosing.class,
              receiver.dsn(),
              buffer.toString(),
              String.valueOf(COUNT),
              "20s");

      assertThat(run.exitCode).as(run.output).isZero();
      assertThat(run.output).contains("sent " + COUNT);
      assertThat(distinctMessages(receiver.awaitEvents(COUNT, Duration.ofSeconds(20))))
          .hasSize(COUNT);
    }
  }

  @Test
  void errorsQueuedAtExitWhileSentryIsDownArriveAtTheNextStart() throws Exception {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      receiver.goDown();
      ChildJvm run =
          ChildJvm.run(
              ExitsWithoutClosing.class, receiver.dsn(), buffer.toString(), String.valueOf(COUNT));
      assertThat(run.exitCode).as(run.output).isZero();
      assertThat(run.output).contains("events were not delivered and are kept in");

      receiver.comeUp();
      try (SentryService nextStart =
          SentryBridge.start(
              BridgeSettings.builder().dsn(receiver.dsn()).bufferDir(buffer).build(),
              new RecordingStatusReporter())) {
        List<SentryEvent> events = receiver.awaitEvents(COUNT, Duration.ofSeconds(30));
        assertThat(distinctMessages(events)).hasSize(COUNT);
        assertThat(events).hasSize(COUNT);
      }
    }
  }

  private static Set<String> distinctMessages(List<SentryEvent> events) {
    return events.stream()
        .map(e -> e.getExceptions().get(0).getValue())
        .collect(Collectors.toSet());
  }
}
