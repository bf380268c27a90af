package org.sentrybridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.testing.FaultHarness.ARRIVAL_TIMEOUT;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.LogEventForwarder;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.FaultHarness;
import org.sentrybridge.testing.RecordingStatusReporter;

class BurstFaultTest {

  private static final int THREADS = 8;
  private static final int PER_THREAD = 1_250;

  @TempDir Path buffer;

  @Test
  void tenThousandDistinctErrorsFromEightThreadsAllArrive() throws Exception {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        LogEventForwarder forwarder =
            FaultHarness.forwarder(FaultHarness.settings(receiver, buffer).build(), status)) {
      AtomicInteger refused = new AtomicInteger();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      long began = System.nanoTime();
      for (int t = 0; t < THREADS; t++) {
        List<String> messages = FaultHarness.messages("burst t" + t, PER_THREAD);
        Thread thread =
            new Thread(
                () -> {
                  awaitQuietly(start);
                  for (String message : messages) {
                    if (!forwarder.forward(FaultHarness.distinctError(message))) {
                      refused.incrementAndGet();
                    }
                  }
                });
        threads.add(thread);
        thread.start();
      }
      start.countDown();
      for (Thread thread : threads) {
        thread.join();
      }

      receiver.awaitEvents(THREADS * PER_THREAD, ARRIVAL_TIMEOUT);
      assertThat(forwarder.flush(Duration.ofSeconds(10))).isTrue();
      long millis = (System.nanoTime() - began) / 1_000_000;

      Map<String, Integer> arrivals = FaultHarness.arrivals(receiver);
      assertThat(refused).hasValue(0);
      assertThat(arrivals).hasSize(THREADS * PER_THREAD);
      assertThat(FaultHarness.duplicates(arrivals)).isZero();
      assertThat(status.lines("WARN")).isEmpty();
      FaultHarness.figures(
          "burst 8x1250 healthy",
          "delivered=" + arrivals.size() + " lost=" + (THREADS * PER_THREAD - arrivals.size())
              + " duplicates=" + FaultHarness.duplicates(arrivals) + " requests="
              + receiver.requestTimes().size() + " time=" + millis + "ms");
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
