package org.sentrybridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.protocol.SentryId;
import java.nio.file.Path;
import java.time.Duration;
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
      Thread exit = new Thread(() -> engine.closeAtExit(status), "test-exit");
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
  void atExitWithNobodyLettingGoItClosesOnceErrorsStopComing() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      SentryService handle = SentryBridge.start(settings(receiver, "1s"), status);
      Engine engine = BridgeRuntime.current();
      Thread exit = new Thread(() -> engine.closeAtExit(status), "test-exit");
      exit.start();

      SentryId id = handle.sendError(new IllegalStateException("logged while exiting"));

      Poll.until("the exit hook ended", WAIT, () -> !exit.isAlive());
      assertThat(receiver.events()).extracting(e -> e.getEventId()).containsExactly(id);
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
