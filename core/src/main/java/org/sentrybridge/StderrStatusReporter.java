package org.sentrybridge;

/** Writes status lines to standard error, the way Logback and Log4j2 print their own status. */
enum StderrStatusReporter implements StatusReporter {
  INSTANCE;

  @Override
  public void info(String message) {
    System.err.println("sentry-bridge INFO " + message);
  }

  @Override
  public void warn(String message) {
    System.err.println("sentry-bridge WARN " + message);
  }

  @Override
  public void error(String message, Throwable cause) {
    System.err.println(
        "sentry-bridge ERROR " + message + (cause == null ? "" : " (" + cause + ")"));
  }
}
