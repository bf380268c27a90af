package org.sentrybridge.logback;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the applications started in a child JVM by {@link ErrorsAtShutdownTest} share; their
 * arguments are {@code (dsn, bufferDir)}.
 */
final class AtExitApplication {

  private AtExitApplication() {}

  /**
   * Configures Logback from {@code logback/shutdown.xml} with the DSN and buffer directory in
   * {@code args}, and returns the logger {@code loggerName}.
   */
  static Logger startLogging(String[] args, String loggerName) {
    System.setProperty("SENTRY_DSN", args[0]);
    System.setProperty("BUFFER_DIR", args[1]);
    System.setProperty("logback.configurationFile", "logback/shutdown.xml");
    return LoggerFactory.getLogger(loggerName);
  }

  /** Stands for the application's own work: takes {@code duration} without logging. */
  static void work(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    for (long left = duration.toNanos(); left > 0; left = end - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }
}
