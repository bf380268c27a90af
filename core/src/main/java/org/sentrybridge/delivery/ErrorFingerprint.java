package org.sentrybridge.delivery;

import java.util.Objects;
import org.sentrybridge.event.DescribedThrowable;
import org.sentrybridge.event.LogRecord;

/**
 * What makes two log events "the same error" for flood control: exception type, top in-app frame,
 * logger and message template. Two errors that differ in any of these are never merged. The hash
 * is computed once: during a burst of repeats the delivery thread looks a fingerprint up several
 * times per error, and hashing a stack frame reads four strings.
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

  ErrorFingerprint(
      String exceptionType, StackTraceElement topFrame, String loggerName, String template) {
    this.exceptionType = exceptionType;
    this.topFrame = topFrame;
    this.loggerName = loggerName;
    this.template = template;
    this.hash = Objects.hash(exceptionType, topFrame, loggerName, template);
  }

  String exceptionType() {
    return exceptionType;
  }

  StackTraceElement topFrame() {
    return topFrame;
  }

  String loggerName() {
    return loggerName;
  }

  String template() {
    return template;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof ErrorFingerprint)) {
      return false;
    }
    ErrorFingerprint that = (ErrorFingerprint) other;
    return hash == that.hash
        && Objects.equals(exceptionType, that.exceptionType)
        && Objects.equals(topFrame, that.topFrame)
        && Objects.equals(loggerName, that.loggerName)
        && Objects.equals(template, that.template);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "ErrorFingerprint[" + exceptionType + ", " + topFrame + ", " + loggerName + ", "
        + template + "]";
  }

  /**
   * The fingerprint of a record. {@code previous} (may be null) is the last fingerprint made, of a
   * record with {@code previousError}: when this record carries the same throwable instance, its
   * top frame is reused, since reading a stack trace copies it; with the same logger and template
   * too, {@code previous} itself is the fingerprint.
   */
  static ErrorFingerprint of(
      LogRecord record, ErrorFingerprint previous, Throwable previousError) {
    Throwable error = record.throwable();
    boolean sameError = previous != null && previousError == error;
    if (sameError
        && Objects.equals(previous.loggerName, record.loggerName())
        && Objects.equals(previous.template, record.messageTemplate())) {
      return previous;
    }
    StackTraceElement topFrame = null;
    if (error != null) {
      topFrame = sameError ? previous.topFrame : topInAppFrame(error);
    }
    return new ErrorFingerprint(
        error == null ? null : typeOf(error), topFrame, record.loggerName(),
        record.messageTemplate());
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
}
