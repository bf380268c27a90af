package com.example.shop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.sentrybridge.config.Dsns;
import org.sentrybridge.devserver.EventSummary;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs {@link ShopApplication} the way the README's Spring Boot section does ({@code exec:java}
 * of this module runs this class on its test classpath): without {@code SENTRY_DSN} it starts the
 * local receiver and sets {@code sentry.dsn} to it; then it starts the application, sends it one
 * checkout whose payment fails (a logged error) and one cancel that throws (an unhandled error),
 * prints what arrived and stops the application.
 */
public final class RunWithLocalSentry {

  /** Events the two requests produce. */
  static final int EXPECTED_EVENTS = 2;

  private RunWithLocalSentry() {}

  public static void main(String[] args) throws Exception {
    String dsn = System.getenv("SENTRY_DSN");
    LoopbackSentryReceiver localSentry = null;
    CountDownLatch received = new CountDownLatch(EXPECTED_EVENTS);
    if (dsn == null || dsn.isBlank()) {
      localSentry = LoopbackSentryReceiver.start();
      localSentry.onEvent(
          event -> {
            System.out.println(EventSummary.format(event));
            received.countDown();
          });
      System.setProperty("sentry.dsn", localSentry.dsn());
      say("No SENTRY_DSN set: events go to a local Sentry receiver at " + localSentry.dsn());
    } else {
      say("Sending events to the Sentry project of SENTRY_DSN " + Dsns.mask(dsn));
    }
    ConfigurableApplicationContext app =
        SpringApplication.run(
            ShopApplication.class, "--server.port=0", "--server.address=127.0.0.1");
    String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (String path : new String[] {"/orders/A-1001/checkout", "/orders/A-1002/cancel"}) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      say("POST " + path + " -> " + response.statusCode());
    }
    if (localSentry != null && !received.await(20, TimeUnit.SECONDS)) {
      say("only " + (EXPECTED_EVENTS - received.getCount()) + " of " + EXPECTED_EVENTS
          + " events arrived at the local receiver");
    }
    // the shutdown delivers what is left within sentry.flush-timeout
    app.close();
    if (localSentry != null) {
      localSentry.close();
    }
  }

  private static void say(String line) {
    System.out.println(">> " + line);
  }
}
