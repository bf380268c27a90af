package org.sentrybridge;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.LogLevel;
import org.sentrybridge.event.LogRecord;

/**
 * An application whose own shutdown hook logs errors after the JVM was asked to exit, as a web
 * server draining its requests or a bean's destroy method does: {@code main(dsn, bufferDir, mode)}
 * with mode {@code drain} (an error every 100 ms for 2 s), {@code destroy} (some clean-up work,
 * then one error) or {@code late} (clean-up work that takes three times {@code flushTimeout}
 * without logging anything, then one error). Nothing is stopped by hand, as in an application whose logging framework is not
 * stopped at exit.
 */
public final class LogsWhileExiting {

  static final int DRAIN_ERRORS = 20;
  static final Duration DRAIN_INTERVAL = Duration.ofMillis(100);
  static final Duration DESTROY_WORK = Duration.ofMillis(300);
  static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(1);
  static final Duration LATE_WORK = FLUSH_TIMEOUT.multipliedBy(3);

  private LogsWhileExiting() {}

  public static void main(String[] args) {
    LogEventForwarder logging =
        SentryBridge.forwarder(
            BridgeSettings.builder().dsn(args[0]).bufferDir(args[1]).flushTimeout(FLUSH_TIMEOUT.toMillis() + "ms").build(),
            CaptureRules.builder("test").build(),
            StatusReporter.stderr());
    Runnable hook =
        switch (args[2]) {
          case "drain" -> () -> drain(logging);
          case "late" -> () -> late(logging);
          default -> () -> destroy(logging);
        };
    Runtime.getRuntime().addShutdownHook(new Thread(hook, "application-shutdown"));
    System.out.println("running");
  }

  private static void drain(LogEventForwarder logging) {
    for (int i = 0; i < DRAIN_ERRORS; i++) {
      work(DRAIN_INTERVAL);
      logging.forward(error("request " + i + " failed while draining"));
    }
    System.out.println("drained");
  }

  private static void destroy(LogEventForwarder logging) {
    work(DESTROY_WORK);
    logging.forward(error("could not close the connection pool"));
    System.out.println("destroyed");
  }

  private static void late(LogEventForwarder logging) {
    work(LATE_WORK);
    logging.forward(error("the last request failed after a long drain"));
    System.out.println("late error logged");
  }

  /** Stands for the time the application's own shutdown work takes. */
  private static void work(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    for (long left = duration.toNanos(); left > 0; left = end - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }

  private static LogRecord error(String message) {
    return LogRecord.builder(LogLevel.ERROR, "com.example.shutdown.Server")
        .message(message, message)
        .throwable(new IllegalStateException(message))
        .build();
  }
}
