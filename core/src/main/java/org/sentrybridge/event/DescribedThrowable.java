package org.sentrybridge.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A throwable given by its parts: the name of the class it stands for, its message, frames, cause
 * and suppressed exceptions. It carries what cannot be handed to the Sentry SDK as it is: a Logback
 * throwable proxy received over the network (no class to load), or an exception whose own {@code
 * getMessage()}, {@code getStackTrace()} or {@code getCause()} throws. {@link ExceptionParts}
 * turns it into the event's exceptions with the type it stands for.
 */
public final class DescribedThrowable extends Throwable {

  private static final long serialVersionUID = 1L;

  /** Deeper cause chains are cut here, as cycles are. */
  private static final int MAX_DEPTH = 100;

  /** The fully qualified name of the class this stands for. */
  private final String className;
  /** Its stack trace, innermost first; empty when not known. */
  private final StackTraceElement[] frames;
  /** Its suppressed exceptions; empty for none. */
  private final DescribedThrowable[] suppressed;

  /**
   * @param className the fully qualified name of the class this stands for
   * @param message its message, may be null
   * @param frames its stack trace, may be empty
   * @param cause its cause, may be null
   * @param suppressed its suppressed exceptions, may be empty
   */
  public DescribedThrowable(
      String className,
      String message,
      StackTraceElement[] frames,
      DescribedThrowable cause,
      List<DescribedThrowable> suppressed) {
    super(message, cause, false, false);
    this.className = className;
    this.frames = frames == null ? new StackTraceElement[0] : frames.clone();
    this.suppressed =
        suppressed == null
            ? new DescribedThrowable[0]
            : suppressed.toArray(new DescribedThrowable[0]);
  }

  /**
   * A copy of {@code error} made only of what can be read: a part whose getter throws is replaced
   * by a marker text ({@code [FAILED getMessage()]}) or left out (frames, cause).
   *
   * @param error the throwable to copy, with its causes and suppressed exceptions
   * @return the copy
   */
  public static DescribedThrowable copyOf(Throwable error) {
    return copyOf(error, new IdentityHashMap<>(), 0);
  }

  private static DescribedThrowable copyOf(
      Throwable error, Map<Throwable, Boolean> seen, int depth) {
    seen.put(error, Boolean.TRUE);
    String message = read(error::getMessage, "[FAILED getMessage()]");
    StackTraceElement[] frames = read(error::getStackTrace, null);
    DescribedThrowable cause = null;
    Throwable realCause = read(error::getCause, null);
    if (realCause != null && !seen.containsKey(realCause) && depth < MAX_DEPTH) {
      cause = copyOf(realCause, seen, depth + 1);
    }
    List<DescribedThrowable> copies = new ArrayList<>();
    Throwable[] realSuppressed = read(error::getSuppressed, null);
    if (realSuppressed != null) {
      for (Throwable one : realSuppressed) {
        if (one != null && !seen.containsKey(one) && depth < MAX_DEPTH) {
          copies.add(copyOf(one, seen, depth + 1));
        }
      }
    }
    String className =
        error instanceof DescribedThrowable
            ? ((DescribedThrowable) error).className
            : error.getClass().getName();
    return new DescribedThrowable(className, message, frames, cause, copies);
  }

  /**
   * True when the SDK can read {@code error} as it is: every getter it calls on the throwable, its
   * causes and suppressed exceptions returns without throwing.
   *
   * @param error the throwable to check
   * @return true when the SDK can read it; false for a {@link DescribedThrowable}
   */
  public static boolean isReadable(Throwable error) {
    return isReadable(error, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
  }

  private static boolean isReadable(Throwable error, java.util.Set<Throwable> seen, int depth) {
    if (error instanceof DescribedThrowable) {
      return false;
    }
    if (!seen.add(error) || depth > MAX_DEPTH) {
      return true;
    }
    try {
      error.getMessage();
      error.getStackTrace();
      error.hashCode(); // the SDK keeps the chain in a HashSet to detect cycles
      for (Throwable one : error.getSuppressed()) {
        if (one != null && !isReadable(one, seen, depth + 1)) {
          return false;
        }
      }
      Throwable cause = error.getCause();
      return cause == null || isReadable(cause, seen, depth + 1);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      return false;
    }
  }

  private static <T> T read(Supplier<T> getter, T failed) {
    try {
      return getter.get();
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      return failed;
    }
  }

  /**
   * The fully qualified name of the class this throwable stands for.
   *
   * @return the class name
   */
  public String className() {
    return className;
  }

  @Override
  public StackTraceElement[] getStackTrace() {
    return frames.clone();
  }

  @Override
  public DescribedThrowable getCause() {
    return (DescribedThrowable) super.getCause();
  }

  /**
   * The suppressed exceptions it was given.
   *
   * @return the suppressed exceptions; empty for none
   */
  public List<DescribedThrowable> suppressed() {
    return List.of(suppressed);
  }

  @Override
  public String toString() {
    String message = getMessage();
    return message == null ? className : className + ": " + message;
  }
}
