package org.sentrybridge.internal;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Tells the exit hook whether the application may still log while the JVM exits. The JVM runs the
 * application's shutdown hooks as threads, all at once, and its exit thread waits for each in
 * turn; the application may log while any of them runs (a web server draining its requests, bean
 * destruction), however long that takes. It may log, this says, while:
 *
 * <ul>
 *   <li>the exit thread waits for a shutdown hook other than sentry-bridge's: that hook still
 *       runs, daemon thread or not; or
 *   <li>another non-daemon thread is alive: shutdown hooks are such threads (a thread made by the
 *       application's main thread is non-daemon), and so are the threads the application's
 *       shutdown waits for. Not counted: the exit thread, {@code DestroyJavaVM}, and pool workers
 *       waiting idle for a task (a running thread must hand them work first, and that one counts).
 * </ul>
 *
 * <p>A non-daemon thread that never ends (an application thread the exit does not stop) keeps the
 * answer yes until the exit hook's bound ({@code Engine.EXIT_WAIT_LIMIT}).
 */
final class ShutdownActivity implements BooleanSupplier {

  private final Thread self;

  ShutdownActivity(Thread self) {
    this.self = self;
  }

  @Override
  public boolean getAsBoolean() {
    Map<Thread, StackTraceElement[]> threads = Thread.getAllStackTraces();
    for (Map.Entry<Thread, StackTraceElement[]> entry : threads.entrySet()) {
      Thread thread = entry.getKey();
      if (thread == self || !thread.isAlive()) {
        continue;
      }
      StackTraceElement[] stack = entry.getValue();
      if (has(stack, "java.lang.ApplicationShutdownHooks", "runHooks")) {
        if (waitsForAnotherHook(thread, threads.keySet())) {
          return true;
        }
      } else if (!thread.isDaemon()
          && !"DestroyJavaVM".equals(thread.getName())
          // a second System.exit blocks for good: that thread logs nothing more
          && !has(stack, "java.lang.Shutdown", "exit")
          && !isIdlePoolWorker(thread, stack)) {
        return true;
      }
    }
    return false;
  }

  private static boolean has(StackTraceElement[] stack, String className, String method) {
    for (StackTraceElement frame : stack) {
      if (className.equals(frame.getClassName()) && method.equals(frame.getMethodName())) {
        return true;
      }
    }
    return false;
  }

  /** The exit thread joins each hook in turn: it waits on that hook's thread object. */
  private boolean waitsForAnotherHook(Thread exitThread, Iterable<Thread> alive) {
    ThreadInfo info;
    try {
      info = ManagementFactory.getThreadMXBean().getThreadInfo(exitThread.getId());
    } catch (RuntimeException | LinkageError unavailable) {
      return false;
    }
    LockInfo lock = info == null ? null : info.getLockInfo();
    if (lock == null) {
      return false;
    }
    for (Thread thread : alive) {
      if (thread != self
          && thread.isAlive()
          && System.identityHashCode(thread) == lock.getIdentityHashCode()) {
        return true;
      }
    }
    return false;
  }

  private static boolean isIdlePoolWorker(Thread thread, StackTraceElement[] stack) {
    Thread.State state = thread.getState();
    if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
      return false;
    }
    return has(stack, "java.util.concurrent.ThreadPoolExecutor", "getTask");
  }
}
