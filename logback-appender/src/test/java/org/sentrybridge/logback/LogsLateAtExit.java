package org.sentrybridge.logback;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application whose shutdown hook works for three times the appender's {@code flushTimeout}
 * (1 s in {@code logback/shutdown.xml}) without logging, then logs an error, and which never stops
 * Logback. {@code main(dsn, bufferDir)}.
 */
public final class LogsLateAtExit {

  static final Duration SHUTDOWN_WORK = Duration.ofSeconds(3);
  static final String MESSAGE = "could not flush the last orders";

  private LogsLateAtExit() {}

  public static void main(String[] args) {
    System.setProperty("SENTRY_DSN", args[0]);
    System.setProperty("BUFFER_DIR", args[1]);
    System.setProperty("logback.configurationFile", "logback/shutdown.xml");
    Logger log = LoggerFactory.getLogger("com.example.orders.OrderQueue");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  work(SHUTDOWN_WORK);
                  log.error(MESSAGE, new IllegalStateException("queue closed"));
                  System.out.println("late error logged");
                },
                "application-shutdown"));
    log.info("started");
  }

  /** Stands for the application's own shutdown work. */
  private static void work(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    for (long left = duration.toNanos(); left > 0; left = end - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }
}
