package org.sentrybridge.logback;

import ch.qos.logback.classic.LoggerContext;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A web application's shutdown, as Spring Boot runs it in its own JVM shutdown hook: requests are
 * drained (each failing one logs an error), beans are destroyed (one logs an error), and the
 * logging framework is stopped last. {@code main(dsn, bufferDir)}.
 */
public final class StopsLoggingLastAtExit {

  static final int DRAINED_REQUESTS = 20;
  private static final Duration REQUEST_TIME = Duration.ofMillis(100);

  private StopsLoggingLastAtExit() {}

  public static void main(String[] args) {
    System.setProperty("SENTRY_DSN", args[0]);
    System.setProperty("BUFFER_DIR", args[1]);
    System.setProperty("logback.configurationFile", "logback/shutdown.xml");
    Logger log = LoggerFactory.getLogger("com.example.web.Server");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (int i = 0; i < DRAINED_REQUESTS; i++) {
                    work(REQUEST_TIME);
                    log.error("request {} failed while draining", i, new IllegalStateException());
                  }
                  log.error("could not close the connection pool", new IllegalStateException());
                  ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
                  System.out.println("logging stopped");
                },
                "application-shutdown"));
    log.info("started");
  }

  /** Stands for the time a request takes to finish. */
  private static void work(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    for (long left = duration.toNanos(); left > 0; left = end - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }
}
