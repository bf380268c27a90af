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
 *   <li>the exit thread still starts the hooks, or waits for a hook other than sentry-bridge's:
 *       that hook still runs, daemon thread or not; or
 *   <li>another non-daemon thread is alive: shutdown hooks are such threads (a thread made by the
 *       application's main thread is non-daemon), and so are the threads the application's
 *       shutdown waits for. Not counted: the exit thread, {@code DestroyJavaVM}, and pool workers
 *       waiting idle for a task (a running thread must hand them work first, and that one counts).
 * </ul>
 *
 * <p>Threads being started are counted too (from their thread group, before the JVM lists them).
 * The answer is no only after {@link #QUIET_LOOKS} looks in a row found none of these. A
 * non-daemon thread that never ends (an application thread the exit does not stop) keeps the
 * answer yes until the exit hook's bound ({@code Engine.EXIT_WAIT_LIMIT}).
 */
final class ShutdownActivity implements BooleanSupplier {

  /**
   * Looks in a row that must find nothing before the answer is no: a hook thread the exit thread
   * has just started may not be listed among the live threads yet.
   */
  static final int QUIET_LOOKS = 3;

  private final Thread self;
  private int quietLooks;

  ShutdownActivity(Thread self) {
    this.self = self;
  }

  @Override
  public boolean getAsBoolean() {
    if (anyoneMayLog()) {
      quietLooks = 0;
      return true;
    }
    return ++quietLooks < QUIET_LOOKS;
  }

  private boolean anyoneMayLog() {
    Map<Thread, StackTraceElement[]> listed = Thread.getAllStackTraces();
    if (startsUnlisted(listed)) {
      return true;
    }
    for (Map.Entry<Thread, StackTraceElement[]> entry : listed.entrySet()) {
      Thread thread = entry.getKey();
      if (thread == self || !thread.isAlive()) {
        continue;
      }
      StackTraceElement[] stack = entry.getValue();
      if (has(stack, "java.lang.ApplicationShutdownHooks", "runHooks")) {
        if (waitsForAnotherHook(thread, stack)) {
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

  /**
   * A non-daemon thread of a thread group that the JVM does not list yet: one being started, as
   * the exit thread does with the hooks.
   */
  private boolean startsUnlisted(Map<Thread, StackTraceElement[]> listed) {
    ThreadGroup root = self.getThreadGroup();
    while (root != null && root.getParent() != null) {
      root = root.getParent();
    }
    if (root == null) {
      return false;
    }
    Thread[] grouped = new Thread[root.activeCount() + 16];
    int count = root.enumerate(grouped, true);
    for (int i = 0; i < count; i++) {
      Thread thread = grouped[i];
      if (thread != self
          && !listed.containsKey(thread)
          && !thread.isDaemon()
          && !"DestroyJavaVM".equals(thread.getName())) {
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

  /**
   * The exit thread starts every hook, then joins each in turn, waiting on that hook's thread
   * object. Until it joins a hook, some hooks may not have started yet: the application may log.
   * Joining another thread than sentry-bridge's hook, that hook still runs. Joining ours, every
   * hook has started, and the others tell by their threads (as when the JVM does not say whom it
   * joins).
   */
  private boolean waitsForAnotherHook(Thread exitThread, StackTraceElement[] stack) {
    if (!has(stack, "java.lang.Thread", "join")) {
      return true;
    }
    LockInfo lock;
    try {
      ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(exitThread.getId());
      lock = info == null ? null : info.getLockInfo();
    } catch (RuntimeException | LinkageError unavailable) {
      return false;
    }
    return lock != null && lock.getIdentityHashCode() != System.identityHashCode(self);
  }

  private static boolean isIdlePoolWorker(Thread thread, StackTraceElement[] stack) {
    Thread.State state = thread.getState();
    if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
      return false;
    }
    return has(stack, "java.util.concurrent.ThreadPoolExecutor", "getTask");
  }
}
