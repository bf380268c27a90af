package org.sentrybridge.event;

import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.SentryStackTraceFactory;
import io.sentry.exception.ExceptionMechanismException;
import io.sentry.protocol.Mechanism;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryStackFrame;
import io.sentry.protocol.SentryStackTrace;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Makes the event's exceptions where the SDK cannot make them from the throwable alone. The SDK's
 * {@code SentryExceptionFactory} names each exception after its Java class and calls the
 * throwable's own getters; so a {@link DescribedThrowable} (a Logback proxy received over the
 * network) and a throwable whose {@code getMessage()}, {@code getStackTrace()} or {@code getCause()}
 * throws are turned into exceptions here, the same way (causes oldest first, suppressed ones with
 * mechanism {@code suppressed}, frames and in-app flags by the SDK's {@link
 * SentryStackTraceFactory}). Every other event is left to the SDK as it is.
 */
public final class ExceptionParts {

  private static final int MAX_EXCEPTIONS = 100;

  private ExceptionParts() {}

  /**
   * Replaces the event's throwable with exceptions made here when the SDK cannot read it; leaves
   * the event as it is otherwise. Runs on the delivery thread, before the event is handed to the
   * SDK.
   *
   * @param event the event whose throwable is resolved
   * @param options the SDK options that give the in-app rules for the frames
   */
  public static void resolve(SentryEvent event, SentryOptions options) {
    Throwable raw = event.getThrowableMechanism();
    if (raw == null) {
      return;
    }
    Mechanism mechanism = null;
    Throwable error = raw;
    if (raw instanceof ExceptionMechanismException) {
      mechanism = ((ExceptionMechanismException) raw).getExceptionMechanism();
      error = ((ExceptionMechanismException) raw).getThrowable();
    }
    DescribedThrowable described;
    if (error instanceof DescribedThrowable) {
      described = (DescribedThrowable) error;
    } else if (DescribedThrowable.isReadable(error)) {
      return; // the common case: the SDK reads it itself
    } else {
      described = DescribedThrowable.copyOf(error);
    }
    Deque<SentryException> exceptions = new ArrayDeque<>();
    SentryStackTraceFactory frames = new SentryStackTraceFactory(options);
    add(described, mechanism, null, -1, frames, exceptions, new int[] {-1});
    event.setExceptions(new ArrayList<>(exceptions));
    event.setThrowable(null);
  }

  /** A chain of causes, each added in front of those already there: the oldest ends up first. */
  private static void add(
      DescribedThrowable first,
      Mechanism firstMechanism,
      String mechanismType,
      int parentId,
      SentryStackTraceFactory frames,
      Deque<SentryException> out,
      int[] lastId) {
    DescribedThrowable current = first;
    Mechanism mechanism = firstMechanism;
    String type = mechanismType;
    int parent = parentId;
    while (current != null && out.size() < MAX_EXCEPTIONS) {
      if (mechanism == null) {
        mechanism = new Mechanism();
      }
      if (mechanism.getType() == null) {
        mechanism.setType(type == null ? "chained" : type);
      }
      int id = ++lastId[0];
      mechanism.setExceptionId(id);
      if (parent >= 0) {
        mechanism.setParentId(parent);
      }
      out.addFirst(exception(current, mechanism, frames));
      for (DescribedThrowable suppressed : current.suppressed()) {
        add(suppressed, null, "suppressed", id, frames, out, lastId);
      }
      current = current.getCause();
      mechanism = null;
      type = null;
      parent = id;
    }
  }

  private static SentryException exception(
      DescribedThrowable throwable, Mechanism mechanism, SentryStackTraceFactory frames) {
    String className = throwable.className();
    int dot = className.lastIndexOf('.');
    SentryException exception = new SentryException();
    exception.setType(dot < 0 ? className : className.substring(dot + 1));
    exception.setModule(dot < 0 ? null : className.substring(0, dot));
    exception.setValue(throwable.getMessage());
    exception.setMechanism(mechanism);
    List<SentryStackFrame> stack = frames.getStackFrames(throwable.getStackTrace(), false);
    if (stack != null && !stack.isEmpty()) {
      exception.setStacktrace(new SentryStackTrace(stack));
    }
    return exception;
  }
}
