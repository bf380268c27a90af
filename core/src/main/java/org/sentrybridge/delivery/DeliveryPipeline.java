package org.sentrybridge.delivery;

import io.sentry.Hint;
import io.sentry.IScopes;
import io.sentry.SentryEvent;
import io.sentry.SentryStackTraceFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.sentrybridge.StatusReporter;
import org.sentrybridge.scope.ScopeRebuilder;
import org.sentrybridge.scope.ScopeSnapshot;
import org.sentrybridge.event.EventFactory;
import org.sentrybridge.event.ExceptionParts;
import org.sentrybridge.event.MessageTemplates;
import org.sentrybridge.sdk.SdkInternals;

/**
 * The hand-off from application threads to Sentry. {@link #offer} is what the logging thread pays:
 * a lock-free enqueue into a bounded queue ({@link SubmissionQueue}: no allocation), nothing else. One daemon thread turns submissions into
 * Sentry events (flood control included) and passes them to the SDK, whose transport does the
 * network and disk work on threads of its own.
 */
public final class DeliveryPipeline {

  private static final long WINDOW_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** Submissions the queue refused because it was full; reported at most once a minute. */
  private final DropCounter drops;
  private final SubmissionQueue queue = new SubmissionQueue();
  // Producers touch one counter (offered); the worker publishes its own (processed) in batches:
  // fewer cache-line transfers between the logging threads' core and the delivery thread's.
  private final AtomicLong offered = new AtomicLong();
  private final AtomicLong processed = new AtomicLong();
  /** How often (a power of two) the worker publishes its progress while the queue is busy. */
  private static final int PUBLISH_EVERY = 64;
  /** After work, the worker naps this long between polls before it sleeps until woken. */
  private static final long NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  /** How long after the last error the worker keeps napping rather than sleeping. */
  private static final long BUSY_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final int capacity;
  private final IScopes scopes;
  private final RepeatFolder repeats;
  private final DeliveryThread worker;
  /** Made on the delivery thread when first needed. */
  private SentryStackTraceFactory stacks;
  private ScopeRebuilder rebuilder;
  private volatile boolean closed;
  /** Flushes asked for so far; each waits until {@link #flushesDone} reaches its number. */
  private final AtomicLong flushRequests = new AtomicLong();
  /** The highest count of offered submissions a flush waits for. */
  private final AtomicLong flushTarget = new AtomicLong();
  /** Flushes the delivery thread has done: the counts of their windows sent too. */
  private volatile long flushesDone;

  public DeliveryPipeline(
      IScopes scopes, int capacity, Duration dedupeWindow, StatusReporter reporter) {
    this.scopes = scopes;
    this.capacity = capacity;
    this.repeats = new RepeatFolder(dedupeWindow.toNanos(), 10_000);
    this.drops = new DropCounter(reporter, Duration.ofMinutes(1));
    this.worker = new DeliveryThread(this::run);
    this.worker.start();
  }

  /**
   * Hands a submission to the delivery thread without blocking.
   *
   * @return false when the queue is full or the pipeline closed; the drop is counted and reported
   */
  public boolean offer(Submission submission) {
    if (closed) {
      return false;
    }
    // the bound may be passed by as many items as there are concurrent producers, never more
    if (offered.get() - processed.get() >= capacity) {
      drops.count(1, "queue full"); // reported by the delivery thread
      return false;
    }
    offered.incrementAndGet();
    queue.add(submission);
    worker.wake();
    return true;
  }

  /** Submissions taken since the start; a change tells that errors are still coming. */
  public long offeredCount() {
    return offered.get();
  }

  /** Submissions waiting for the delivery thread. */
  public int queued() {
    return (int) Math.max(0, offered.get() - processed.get());
  }

  /**
   * Waits until the delivery thread processed everything offered so far (repeat counts included),
   * then for the SDK's transport to send it, all within {@code timeout}.
   *
   * @return true when everything was handed over and the transport reported idle in time
   */
  /** What this pipeline dropped since it started, per kind (read-only statistics). */
  public java.util.Map<String, Long> dropped() {
    return drops.totalsByKind();
  }

  public boolean flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long target = offered.get();
    flushTarget.accumulateAndGet(target, Math::max);
    // a number, not a flag: a request that comes while the thread ends an earlier one is not lost
    long request = flushRequests.incrementAndGet();
    worker.wake();
    while (processed.get() < target || flushesDone < request) {
      if (System.nanoTime() >= deadline || !worker.isAlive()) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      return false;
    }
    scopes.flush(TimeUnit.NANOSECONDS.toMillis(left));
    return true;
  }

  /**
   * Stops taking submissions, delivers what is queued within {@code timeout} and stops the thread.
   *
   * @return how many submissions could not be handed to the SDK in time
   */
  public int close(Duration timeout) {
    if (closed) {
      return 0;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    flush(timeout);
    closed = true;
    worker.wake();
    try {
      // a little beyond the deadline if need be: the worker still hands over the last summaries
      worker.join(Math.max(100, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int left = queued();
    drops.reportNow();
    return left;
  }

  private void run() {
    // the delivery thread's own state is local, not in fields next to those every offer reads:
    // writing it per submission would take their cache line away from the logging threads
    SubmissionQueue.Taker taker = queue.taker();
    long processedLocally = 0;
    long lastWorkNanos = System.nanoTime() - BUSY_NANOS;
    long nextWindowCheck = System.nanoTime();
    while (true) {
      Submission submission = taker.poll();
      if (submission != null) {
        long now = System.nanoTime();
        lastWorkNanos = now;
        try {
          if (repeats.admit(submission, now)) {
            capture(submission, null);
          }
        } catch (VirtualMachineError e) {
          throw e;
        } catch (Throwable e) {
          // counted and reported once a minute: a failing conversion must not flood the status log
          drops.add(1, notConverted(e));
        } finally {
          if ((++processedLocally & (PUBLISH_EVERY - 1)) == 0) {
            processed.lazySet(processedLocally);
          }
        }
        if (now - nextWindowCheck >= 0) {
          // under constant load the queue is never empty: close ended windows on the way too
          sendFolded(now, false, false);
          drops.reportIfDue();
          nextWindowCheck = now + WINDOW_CHECK_NANOS;
        }
        continue;
      }
      processed.set(processedLocally); // queue empty: everything taken so far is processed
      // read before the folded counts go: a later request waits for the next turn
      long requested = flushRequests.get();
      boolean flushing = requested != flushesDone;
      if (flushing && processedLocally < flushTarget.get()) {
        Thread.onSpinWait(); // a submission the flush waits for is offered, not linked yet
        continue;
      }
      sendFolded(System.nanoTime(), flushing, closed);
      drops.reportIfDue();
      flushesDone = requested;
      if (closed) {
        return;
      }
      long now = System.nanoTime();
      long wait = repeats.nanosUntilNextClose(now);
      long longest = wait < 0 ? TimeUnit.SECONDS.toNanos(1) : Math.max(wait, 1);
      if (now - lastWorkNanos < BUSY_NANOS) {
        // errors came recently: poll again shortly instead of asking producers to unpark us,
        // which would cost them a system call per error during a burst
        worker.nap(Math.min(longest, NAP_NANOS));
      } else {
        worker.idle(longest);
      }
    }
  }

  /** Sends the summaries of ended windows; on a flush those of every window, on close all. */
  private void sendFolded(long now, boolean flush, boolean all) {
    List<RepeatFolder.Folded> due =
        all ? repeats.close(now, true) : flush ? repeats.flush(now) : repeats.close(now, false);
    for (RepeatFolder.Folded folded : due) {
      try {
        capture(folded.latest(), folded);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        drops.add(1, notConverted(e));
      }
    }
  }

  private static String notConverted(Throwable e) {
    return "could not be turned into Sentry events (last: " + MessageTemplates.text(e) + ")";
  }

  /** Sends one occurrence; with {@code folded}, as the summary of that folded run. */
  private void capture(Submission submission, RepeatFolder.Folded folded) {
    if (stacks == null) {
      stacks = new SentryStackTraceFactory(scopes.getOptions());
      rebuilder = new ScopeRebuilder(scopes);
    }
    SentryEvent event = submission.toEvent(stacks);
    ExceptionParts.resolve(event, scopes.getOptions());
    EventFactory.runBeforeBreadcrumb(event, scopes.getOptions());
    Hint hint = new Hint();
    if (folded != null) {
      event.setTag("repeats", Long.toString(folded.repeats()));
      event.setExtra("repeats", folded.repeats());
      if (folded.users() > 0) {
        event.setExtra("users", folded.moreUsers() ? folded.users() + "+" : folded.users());
      }
      hint.set(SdkInternals.REPEAT_SUMMARY_HINT, Boolean.TRUE);
    }
    // through the scope of the thread that logged, rebuilt: the SDK applies it, runs the event
    // processors, beforeSend and sampling as if the error had been captured on that thread
    ScopeSnapshot scope = submission.scope();
    // a configurator may write into the scopes it is given: never into the pair lent to every event
    IScopes target =
        scope.scopes(rebuilder, submission.sendMetadata(), submission.configurator() != null);
    scope.applyTrace(
        event, target, submission.threadName(), submission.threadId(), submission.sendMetadata());
    if (submission.configurator() != null) {
      target.captureEvent(
          event, hint, local -> submission.configurator().configure(local, target));
    } else {
      target.captureEvent(event, hint);
    }
  }
}
