package org.sentrybridge.delivery;

import org.sentrybridge.event.DescribedThrowable;
import org.sentrybridge.event.LogRecord;

/**
 * What makes two log events "the same error" for flood control: exception type, top in-app frame,
 * logger and message template. Two errors that differ in any of these are never merged.
 */
record ErrorFingerprint(
    String exceptionType, StackTraceElement topFrame, String loggerName, String template) {

  private static final String[] NOT_IN_APP = {
    "java.", "javax.", "jdk.", "sun.", "com.sun.", "kotlin.", "scala.", "io.sentry.",
    "org.sentrybridge.", "org.slf4j.", "ch.qos.logback.", "org.apache.logging.", "org.junit.",
    "org.springframework.", "org.apache.catalina.", "org.eclipse.jetty."
  };

  /**
   * The fingerprint of a record. {@code previous} (may be null) is the last fingerprint made, of a
   * record with {@code previousError}: when this record carries the same throwable instance, its
   * top frame is reused, since reading a stack trace copies it.
   */
  static ErrorFingerprint of(
      LogRecord record, ErrorFingerprint previous, Throwable previousError) {
    Throwable error = record.throwable();
    StackTraceElement topFrame = null;
    if (error != null) {
      topFrame =
          previous != null && previousError == error ? previous.topFrame : topInAppFrame(error);
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
