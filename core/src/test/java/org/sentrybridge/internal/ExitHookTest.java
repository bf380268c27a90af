package org.sentrybridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.protocol.SentryId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.SentryService;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.Poll;
import org.sentrybridge.testing.RecordingStatusReporter;

/** What the JVM exit hook does, run here on a thread of the test's own. */
class ExitHookTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path buffer;

  @Test
  void atExitTheIntegrationStaysOpenUntilItsLastHolderLetsGo() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      // a flush timeout far longer than the test: only the release can end the wait
      SentryService handle = SentryBridge.start(settings(receiver, "60s"), status);
      Engine engine = BridgeRuntime.current();
      Thread exit = new Thread(() -> engine.closeAtExit(status, () -> true), "test-exit");
      exit.start();

      SentryId id = handle.sendError(new IllegalStateException("logged while exiting"));
      receiver.awaitEvent(e -> id.equals(e.getEventId()), WAIT);
      assertThat(engine.isEnabled()).as("errors may still come").isTrue();
      assertThat(exit.isAlive()).isTrue();

      handle.close(); // what the logging framework's stop does
      Poll.until("the exit hook ended", WAIT, () -> !exit.isAlive());
      assertThat(engine.isEnabled()).isFalse();
    }
  }

  @Test
  void atExitWithNobodyLettingGoItClosesWhenTheApplicationsShutdownIsOver() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      SentryService handle = SentryBridge.start(settings(receiver, "1s"), status);
      Engine engine = BridgeRuntime.current();
      AtomicBoolean shutdownRuns = new AtomicBoolean(true);
      AtomicInteger asked = new AtomicInteger();
      Thread exit =
          new Thread(
              () -> engine.closeAtExit(status, () -> asked.incrementAndGet() > 0 && shutdownRuns.get()),
              "test-exit");
      exit.start();

      SentryId id = handle.sendError(new IllegalStateException("logged while exiting"));
      receiver.awaitEvent(e -> id.equals(e.getEventId()), WAIT);
      int before = asked.get();
      // the hook looks every 50 ms: 40 more looks are 2 s, twice flushTimeout, without an error
      Poll.until("the hook looked 40 more times", WAIT, () -> asked.get() >= before + 40);
      assertThat(exit.isAlive()).as("open while the application's shutdown runs").isTrue();
      SentryId late = handle.sendError(new IllegalStateException("logged late in the shutdown"));
      receiver.awaitEvent(e -> late.equals(e.getEventId()), WAIT);
      assertThat(exit.isAlive()).isTrue();
      assertThat(engine.isEnabled()).isTrue();

      shutdownRuns.set(false);
      Poll.until("the exit hook ended", WAIT, () -> !exit.isAlive());
      assertThat(receiver.events()).extracting(e -> e.getEventId()).containsExactly(id, late);
      assertThat(engine.isEnabled()).isFalse();
      assertThat(handle.sendError(new IllegalStateException("too late"))).isEqualTo(SentryId.EMPTY_ID);
      handle.close();
      assertThat(status.lines("WARN")).isEmpty();
    }
  }

  private BridgeSettings settings(LoopbackSentryReceiver receiver, String flushTimeout) {
    return BridgeSettings.builder()
        .dsn(receiver.dsn())
        .bufferDir(buffer)
        .flushTimeout(flushTimeout)
        .build();
  }
}
