package org.sentrybridge.delivery;

import java.util.concurrent.locks.LockSupport;
import org.sentrybridge.sdk.SdkInternals;

/**
 * The daemon thread that turns submissions into Sentry events. Its type lets the appenders
 * recognise it: anything logged on it (by the SDK or by user callbacks) is never sent back to
 * Sentry.
 */
public final class DeliveryThread extends Thread {

  private static final java.util.concurrent.atomic.AtomicInteger COUNT =
      new java.util.concurrent.atomic.AtomicInteger();

  private volatile boolean idle;

  DeliveryThread(Runnable work) {
    super(work, "sentry-bridge-delivery-" + COUNT.incrementAndGet());
    setDaemon(true);
  }

  /**
   * True on a thread that works for Sentry: sentry-bridge's delivery and sender threads, and the
   * SDK's own transport thread. What is logged there must not loop back into Sentry.
   */
  public static boolean isCurrent() {
    Thread current = Thread.currentThread();
    if (current instanceof DeliveryThread) {
      return true;
    }
    String name = current.getName();
    if (name.isEmpty()) {
      return false;
    }
    // asked for every log line: most threads are told apart by the first letter alone (the
    // SDK's sender threads start with an upper-case S)
    char first = name.charAt(0);
    return (first == 's' && name.startsWith("sentry-bridge-"))
        || (first == 'S' && SdkInternals.isSdkSenderThread(name));
  }

  void wake() {
    // unpark only when parked: keeps the hot path to one volatile read
    if (idle) {
      LockSupport.unpark(this);
    }
  }

  /**
   * Sleeps without announcing it: producers do not wake a napping thread. No park blocker: setting
   * one writes this thread object twice per nap, next to the flag every producer reads in {@link
   * #wake}, which would then miss the producers' caches during a burst.
   */
  void nap(long nanos) {
    LockSupport.parkNanos(nanos);
  }

  /** Sleeps until woken by a producer, or {@code nanos} passed. */
  void idle(long nanos) {
    idle = true;
    try {
      LockSupport.parkNanos(this, nanos);
    } finally {
      idle = false;
    }
  }
}
