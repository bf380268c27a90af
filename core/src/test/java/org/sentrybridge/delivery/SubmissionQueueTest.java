package org.sentrybridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sentrybridge.event.LogLevel;
import org.sentrybridge.event.LogRecord;

/** Many threads add at once; the delivery thread takes every submission once, in each one's order. */
class SubmissionQueueTest {

  private static final int THREADS = 4;
  private static final int EACH = 5_000;

  @Test
  void everySubmissionOfConcurrentProducersIsTakenOnceInItsProducersOrder() throws Exception {
    SubmissionQueue queue = new SubmissionQueue();
    SubmissionQueue.Taker taker = queue.taker();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> producers = new ArrayList<>();
    for (int p = 0; p < THREADS; p++) {
      String producer = "producer-" + p;
      Thread thread =
          new Thread(
              () -> {
                awaitQuietly(go);
                for (int i = 0; i < EACH; i++) {
                  queue.add(submission(producer, i));
                }
              });
      thread.start();
      producers.add(thread);
    }
    assertThat(taker.poll()).isNull();

    go.countDown();
    int[] nextOf = new int[THREADS];
    int taken = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (taken < THREADS * EACH && System.nanoTime() < deadline) {
      Submission submission = taker.poll();
      if (submission == null) {
        Thread.onSpinWait();
        continue;
      }
      int producer = Integer.parseInt(submission.record().threadName().substring(9));
      assertThat(submission.record().messageTemplate())
          .isEqualTo("line " + nextOf[producer]);
      nextOf[producer]++;
      taken++;
    }
    for (Thread producer : producers) {
      producer.join();
    }

    assertThat(taken).isEqualTo(THREADS * EACH);
    assertThat(nextOf).containsOnly(EACH);
    assertThat(taker.poll()).isNull();
  }

  private static Submission submission(String producer, int sequence) {
    LogRecord record =
        LogRecord.builder(LogLevel.ERROR, "test")
            .message("line " + sequence, null)
            .thread(producer, 0)
            .build();
    return Submission.ofLog(record, null, null, null, false);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
