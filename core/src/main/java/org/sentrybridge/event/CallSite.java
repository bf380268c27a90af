package org.sentrybridge.event;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The stack of the code that logged, without the frames of the logging frameworks and of
 * sentry-bridge: what a message-only error (no throwable) shows as its stack. Taken on the logging
 * thread, only when such an event is made.
 */
public final class CallSite {

  /** Frames deeper than this are left out; the top of the stack is what matters. */
  static final int MAX_FRAMES = 100;

  private static final List<String> LOGGING_PACKAGES =
      List.of(
          "org.sentrybridge.",
          "ch.qos.logback.",
          "org.slf4j.",
          "org.apache.logging.log4j.",
          "org.apache.logging.slf4j.",
          "org.apache.commons.logging.",
          "org.apache.log4j.",
          "org.jboss.logging.",
          "java.util.logging.",
          "io.sentry.");

  private static final StackWalker WALKER = StackWalker.getInstance();

  private CallSite() {}

  /**
   * The calling thread's stack from the first frame outside logging code, innermost first.
   *
   * @return the frames, at most 100
   */
  public static StackTraceElement[] ofCurrentThread() {
    List<StackTraceElement> frames =
        WALKER.walk(
            stack ->
                stack
                    .dropWhile(frame -> isLoggingCode(frame.getClassName()))
                    .limit(MAX_FRAMES)
                    .map(StackWalker.StackFrame::toStackTraceElement)
                    .collect(Collectors.toList()));
    return frames.toArray(new StackTraceElement[0]);
  }

  /**
   * Frames of the logging frameworks and sentry-bridge removed from the top of {@code frames}.
   *
   * @param frames a stack, innermost first; may be null
   * @return the frames from the first one outside logging code, at most 100; null for null
   */
  public static StackTraceElement[] withoutLoggingFrames(StackTraceElement[] frames) {
    if (frames == null) {
      return null;
    }
    int first = 0;
    while (first < frames.length && isLoggingCode(frames[first].getClassName())) {
      first++;
    }
    StackTraceElement[] rest = new StackTraceElement[Math.min(MAX_FRAMES, frames.length - first)];
    System.arraycopy(frames, first, rest, 0, rest.length);
    return rest;
  }

  static boolean isLoggingCode(String className) {
    for (String prefix : LOGGING_PACKAGES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
