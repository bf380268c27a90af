package org.sentrybridge.testing;

import io.sentry.ISentryLifecycleToken;
import io.sentry.ITransaction;
import io.sentry.Sentry;
import io.sentry.TransactionOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs test code the way an application server does: on worker threads that are not the one that
 * configured logging, each request on its own Sentry scopes forked from the root scopes (as
 * Sentry's servlet and Spring integrations fork them).
 */
public final class Requests {

  private static final long STEP_TIMEOUT_SECONDS = 20;

  private Requests() {}

  /** Runs {@code body} on a new thread of that name and waits for it; rethrows its failure. */
  public static void onNewThread(String name, Runnable body) {
    Map<String, Consumer<Runnable>> one = new LinkedHashMap<>();
    one.put(name, step -> body.run());
    together(one);
  }

  /** Runs {@code body} on Sentry scopes forked for one request, made current for its duration. */
  public static void inRequest(Runnable body) {
    try (ISentryLifecycleToken ignored = Sentry.forkedRootScopes("request").makeCurrent()) {
      body.run();
    }
  }

  /**
   * Runs each body on its own new thread (named by its key), all at the same time; a body calls
   * the {@code Runnable} it is given to wait until every other body got to the same step, so their
   * steps interleave. Waits for all and rethrows the first failure.
   */
  public static void together(Map<String, Consumer<Runnable>> bodies) {
    CyclicBarrier barrier = new CyclicBarrier(bodies.size());
    Runnable step =
        () -> {
          try {
            barrier.await(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
          } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("the other requests did not reach this step", e);
          }
        };
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (Map.Entry<String, Consumer<Runnable>> body : bodies.entrySet()) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  body.getValue().accept(step);
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                  barrier.reset();
                }
              },
              body.getKey());
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(STEP_TIMEOUT_SECONDS * 2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + thread.getName(), e);
      }
      if (thread.isAlive()) {
        throw new AssertionError(thread.getName() + " did not finish");
      }
    }
    if (failure.get() != null) {
      throw new AssertionError("a request failed: " + failure.get(), failure.get());
    }
  }

  /** Starts a transaction bound to the current scope, as a tracing integration does. */
  public static ITransaction startTransaction(String name, String operation) {
    TransactionOptions options = new TransactionOptions();
    options.setBindToScope(true);
    return Sentry.startTransaction(name, operation, options);
  }
}
