package org.sentrybridge.spring;

import com.example.shop.OrderController;
import com.example.shop.ShopApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Run in a JVM of its own by {@link GracefulShutdownTest}: a request is running when the JVM gets
 * SIGTERM, and logs an error once the shutdown has begun; the graceful shutdown lets it finish.
 */
public final class GracefulShutdownApp {

  private GracefulShutdownApp() {}

  public static void main(String[] args) throws Exception {
    // DevTools is on this module's test class path (DevToolsRestartCase); no restart here
    System.setProperty("spring.devtools.restart.enabled", "false");
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(ShopApplication.class)
            .listeners(
                (ContextClosedEvent closed) -> OrderController.slowRelease.countDown())
            .properties(
                "server.port=0",
                "server.address=127.0.0.1",
                "server.shutdown=graceful",
                "spring.main.banner-mode=off",
                "sentry.dsn=" + args[0],
                "sentry.flush-timeout=10s")
            .run();
    String port = context.getEnvironment().getProperty("local.server.port");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    http.sendAsync(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).build(),
            HttpResponse.BodyHandlers.ofString())
        .thenAccept(response -> System.out.println("slow request answered " + response.statusCode()));
    if (!OrderController.slowEntered.await(30, TimeUnit.SECONDS)) {
      System.out.println("the slow request never arrived");
      System.exit(2);
    }
    String pid = String.valueOf(ProcessHandle.current().pid());
    new ProcessBuilder("kill", "-TERM", pid).inheritIO().start().waitFor();
    new CountDownLatch(1).await(); // until the JVM exits
  }
}
