package org.sentrybridge.delivery;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The delivery queue: many logging threads add, the one delivery thread takes, in the order added
 * per thread. Each submission is its own link ({@link Submission#next}), so adding allocates
 * nothing and costs one atomic swap; no logging thread ever waits for another. Unbounded: {@link
 * DeliveryPipeline} keeps the bound.
 *
 * <p>A link is made in two steps (swap the tail, then point the old tail at the new one): between
 * them {@link Taker#poll} sees the queue as ending early and returns null, and the delivery thread
 * takes the rest on its next poll.
 */
final class SubmissionQueue {

  private static final VarHandle NEXT;

  static {
    try {
      NEXT =
          MethodHandles.lookup().findVarHandle(Submission.class, "next", Submission.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The last submission added; the stub while nothing was ever added. */
  private final AtomicReference<Submission> tail;
  private final Submission stub;

  SubmissionQueue() {
    this.stub = Submission.stub();
    this.tail = new AtomicReference<>(stub);
  }

  /** Adds a submission; any thread. A submission is added once, never twice. */
  void add(Submission submission) {
    Submission previous = tail.getAndSet(submission);
    NEXT.setRelease(previous, submission);
  }

  /**
   * The taking end, for the one thread that takes: made there, it sits in that thread's own
   * allocation buffer, away from what the adding threads read and write. Call it once.
   */
  Taker taker() {
    return new Taker(stub);
  }

  /** Takes submissions in the order they were added (per adding thread); one thread only. */
  static final class Taker {
    /** The last submission taken, or the stub. */
    private Submission head;

    private Taker(Submission stub) {
      this.head = stub;
    }

    /** The oldest submission not taken yet, or null. */
    Submission poll() {
      Submission next = (Submission) NEXT.getAcquire(head);
      if (next == null) {
        return null;
      }
      // the taken submission stays as the head until the next one is taken; unlink the old head
      // so that it holds nothing alive
      NEXT.setOpaque(head, (Submission) null);
      head = next;
      return next;
    }
  }
}
