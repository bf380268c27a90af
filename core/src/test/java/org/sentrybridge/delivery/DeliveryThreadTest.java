package org.sentrybridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** What is logged on a thread that works for Sentry must not go back to Sentry. */
class DeliveryThreadTest {

  @Test
  void sentryBridgesAndTheSdksSenderThreadsAreOwnOthersAreNot() throws InterruptedException {
    assertThat(isCurrentOn("sentry-bridge-sender-1")).isTrue();
    assertThat(isCurrentOn("sentry-bridge-http-7")).isTrue();
    assertThat(isCurrentOn("SentryAsyncConnection-0")).isTrue();

    assertThat(isCurrentOn("main")).isFalse();
    assertThat(isCurrentOn("")).isFalse();
    assertThat(isCurrentOn("sentry-worker")).isFalse();
    assertThat(isCurrentOn("Sentry-bridge-sender-1")).isFalse();
    assertThat(isCurrentOn("SentryWorker")).isFalse();
  }

  @Test
  void theDeliveryThreadItselfIsOwnWhateverItsName() throws InterruptedException {
    AtomicBoolean own = new AtomicBoolean();
    DeliveryThread thread = new DeliveryThread(() -> own.set(DeliveryThread.isCurrent()));
    thread.setName("renamed");
    thread.start();
    thread.join();

    assertThat(own).isTrue();
  }

  private static boolean isCurrentOn(String name) throws InterruptedException {
    AtomicBoolean own = new AtomicBoolean();
    Thread thread = new Thread(() -> own.set(DeliveryThread.isCurrent()), name);
    thread.start();
    thread.join();
    return own.get();
  }
}
