package org.sentrybridge.logback;

import java.time.Duration;
import org.slf4j.Logger;

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
    Logger log = AtExitApplication.startLogging(args, "com.example.orders.OrderQueue");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  AtExitApplication.work(SHUTDOWN_WORK);
                  log.error(MESSAGE, new IllegalStateException("queue closed"));
                  System.out.println("late error logged");
                },
                "application-shutdown"));
    log.info("started");
  }
}
