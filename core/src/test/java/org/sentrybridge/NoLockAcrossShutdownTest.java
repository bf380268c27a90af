package org.sentrybridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.Poll;
import org.sentrybridge.testing.RecordingStatusReporter;

/** The runtime's lock is never held while an engine waits for Sentry on its way down. */
class NoLockAcrossShutdownTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path buffer;

  @Test
  void serviceCallsGoOnWhileExplicitSettingsReplaceTheDefaultEngine() throws Exception {
    String saved = System.getProperty("sentry.dsn");
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      System.setProperty("sentry.dsn", receiver.dsn());
      SentryService shared = SentryBridge.service();
      assertThat(shared.isEnabled()).isTrue();
      receiver.delayAnswers(Duration.ofSeconds(2));
      shared.sendError(new IllegalStateException("in flight while the defaults stop"));
      Poll.until("the request reached Sentry", WAIT, () -> !receiver.requestTimes().isEmpty());

      AtomicReference<SentryService> started = new AtomicReference<>();
      Thread starter =
          new Thread(
              () ->
                  started.set(
                      SentryBridge.start(
                          BridgeSettings.builder().dsn(receiver.dsn()).bufferDir(buffer).build(),
                          new RecordingStatusReporter())),
              "explicit-start");
      starter.start();
      // the default engine's shutdown waits for the delayed answer
      Poll.until("the defaults are shutting down", WAIT,
          () -> starter.getState() == Thread.State.TIMED_WAITING
              || starter.getState() == Thread.State.WAITING);

      SentryBridge.find();
      shared.isEnabled();

      assertThat(starter.isAlive()).as("service calls returned before the shutdown ended").isTrue();
      starter.join(WAIT.toMillis());
      assertThat(started.get().isEnabled()).isTrue();
      assertThat(receiver.awaitEvents(1, WAIT)).hasSize(1);
      receiver.delayAnswers(Duration.ZERO);
      started.get().close();
      shared.close();
    } finally {
      if (saved == null) {
        System.clearProperty("sentry.dsn");
      } else {
        System.setProperty("sentry.dsn", saved);
      }
    }
    assertThat(SentryBridge.find()).isEmpty();
  }
}
