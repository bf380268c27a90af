package org.sentrybridge.logback;

import ch.qos.logback.classic.LoggerContext;
import java.time.Duration;
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
    Logger log = AtExitApplication.startLogging(args, "com.example.web.Server");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (int i = 0; i < DRAINED_REQUESTS; i++) {
                    AtExitApplication.work(REQUEST_TIME);
                    log.error("request {} failed while draining", i, new IllegalStateException());
                  }
                  log.error("could not close the connection pool", new IllegalStateException());
                  ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
                  System.out.println("logging stopped");
                },
                "application-shutdown"));
    log.info("started");
  }
}
