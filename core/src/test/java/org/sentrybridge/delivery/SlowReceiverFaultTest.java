package org.sentrybridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.LogEventForwarder;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.event.LogRecord;
import org.sentrybridge.testing.Poll;
import org.sentrybridge.testing.FaultHarness;
import org.sentrybridge.testing.RecordingStatusReporter;

class SlowReceiverFaultTest {

  private static final Duration DELAY = Duration.ofSeconds(5);

  @TempDir Path buffer;

  @Test
  void loggingThreadsDoNotWaitForASlowReceiverAndStopIsBounded() throws Exception {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      receiver.respondSlowly(DELAY);
      LogEventForwarder forwarder =
          FaultHarness.forwarder(FaultHarness.settings(receiver, buffer).build(), status);
      AtomicLong slowest = new AtomicLong();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        List<String> messages = FaultHarness.messages("slow t" + t, 500);
        Thread thread =
            new Thread(
                () -> {
                  for (String message : messages) {
                    LogRecord record = FaultHarness.distinctError(message); // the app's own cost
                    long began = System.nanoTime();
                    forwarder.forward(record);
                    slowest.accumulateAndGet(System.nanoTime() - began, Math::max);
                  }
                });
        threads.add(thread);
        thread.start();
      }
      for (Thread thread : threads) {
        thread.join();
      }
      // the receiver keeps an event only when it answers, DELAY after the request: had any call
      // waited for Sentry's answer, the first event would be there before the last call returned
      assertThat(receiver.events()).as("events answered while the application logged").isEmpty();
      Poll.until(
          "a request reaches the slow receiver",
          Duration.ofSeconds(10),
          () -> !receiver.requestTimes().isEmpty());

      long closeBegan = System.nanoTime();
      forwarder.close();
      long closeMillis = (System.nanoTime() - closeBegan) / 1_000_000;

      // flushTimeout is 1 s: close drains for that long, then keeps the rest on disk
      assertThat(closeMillis).isLessThan(DELAY.toMillis());
      assertThat(status.lines("WARN"))
          .anyMatch(l -> l.contains("events were not delivered and are kept in " + buffer));
      FaultHarness.figures(
          "slow receiver 5s/request",
          "max forward=" + slowest.get() / 1_000 + "us over 2000 calls from 4 threads, close took "
              + closeMillis + "ms, " + status.lines("WARN"));
    }
  }
}
