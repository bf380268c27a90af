package org.sentrybridge.delivery;

import java.util.Objects;
import org.sentrybridge.event.DescribedThrowable;
import org.sentrybridge.event.LogRecord;

/**
 * What makes two log events "the same error" for flood control: exception type, top in-app frame,
 * logger and message template. Two errors that differ in any of these are never merged.
 */
final class ErrorFingerprint {

  private static final String[] NOT_IN_APP = {
    "java.", "javax.", "jdk.", "sun.", "com.sun.", "kotlin.", "scala.", "io.sentry.",
    "org.sentrybridge.", "org.slf4j.", "ch.qos.logback.", "org.apache.logging.", "org.junit.",
    "org.springframework.", "org.apache.catalina.", "org.eclipse.jetty."
  };

  private final String exceptionType;
  private final StackTraceElement topFrame;
  private final String loggerName;
  private final String template;
  private final int hash;
  /** Only for reuse by the next {@link #of}; not part of equality. */
  private Throwable throwable;

  private ErrorFingerprint(
      String exceptionType, StackTraceElement topFrame, String loggerName, String template) {
    this.exceptionType = exceptionType;
    this.topFrame = topFrame;
    this.loggerName = loggerName;
    this.template = template;
    this.hash =
        31 * (31 * (31 * Objects.hashCode(exceptionType) + Objects.hashCode(topFrame))
                + Objects.hashCode(loggerName))
            + Objects.hashCode(template);
  }

  /**
   * The fingerprint of a record. {@code previous} (may be null) is the last fingerprint made: when
   * the record carries the same throwable instance, its top frame is reused, since reading a stack
   * trace copies it.
   */
  static ErrorFingerprint of(LogRecord record, ErrorFingerprint previous) {
    Throwable error = record.throwable();
    StackTraceElement topFrame = null;
    if (error != null) {
      topFrame =
          previous != null && previous.throwable == error
              ? previous.topFrame
              : topInAppFrame(error);
    }
    ErrorFingerprint fingerprint =
        new ErrorFingerprint(
            error == null ? null : typeOf(error),
            topFrame,
            record.loggerName(),
            record.messageTemplate());
    fingerprint.throwable = error;
    return fingerprint;
  }

  private static String typeOf(Throwable error) {
    return error instanceof DescribedThrowable
        ? ((DescribedThrowable) error).className()
        : error.getClass().getName();
  }

  private static StackTraceElement topInAppFrame(Throwable error) {
    StackTraceElement[] frames;
    try {
      frames = error.getStackTrace();
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      return null; // an exception whose getStackTrace() throws is still sent
    }
    if (frames == null) {
      return null;
    }
    for (StackTraceElement frame : frames) {
      if (frame != null && isInApp(frame.getClassName())) {
        return frame;
      }
    }
    return frames.length > 0 ? frames[0] : null;
  }

  private static boolean isInApp(String className) {
    for (String prefix : NOT_IN_APP) {
      if (className.startsWith(prefix)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ErrorFingerprint)) {
      return false;
    }
    ErrorFingerprint other = (ErrorFingerprint) o;
    return hash == other.hash
        && Objects.equals(exceptionType, other.exceptionType)
        && Objects.equals(topFrame, other.topFrame)
        && Objects.equals(loggerName, other.loggerName)
        && Objects.equals(template, other.template);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
