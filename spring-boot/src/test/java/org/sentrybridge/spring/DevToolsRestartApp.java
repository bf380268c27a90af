package org.sentrybridge.spring;

import io.sentry.Sentry;
import java.util.concurrent.atomic.AtomicInteger;
import org.sentrybridge.SentryBridge;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.devtools.restart.Restarter;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Run in a JVM of its own by {@link DevToolsRestartCase}, with DevTools on the class path: DevTools
 * runs it in its restart class loader; the first run logs an error and has DevTools restart it,
 * the second logs an error, tells whether it runs on the first run's SDK, closes its context and
 * tells whether the SDK is closed. What must outlive a restart is kept where DevTools keeps it, in
 * the {@link Restarter}'s attributes.
 */
public final class DevToolsRestartApp {

  static final String BEFORE = "error logged before the DevTools restart";
  static final String AFTER = "error logged after the DevTools restart";

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Application {}

  private DevToolsRestartApp() {}

  public static void main(String[] args) {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(Application.class)
            .web(WebApplicationType.NONE)
            .properties(
                "spring.main.banner-mode=off",
                "spring.devtools.livereload.enabled=false",
                "sentry.dsn=" + args[0],
                "sentry.flush-timeout=10s")
            .run(args);
    Restarter restarter = Restarter.getInstance();
    int run = ((AtomicInteger) restarter.getOrAddAttribute("runs", AtomicInteger::new)).incrementAndGet();
    System.out.println(
        "run " + run + " in " + DevToolsRestartApp.class.getClassLoader().getClass().getName());
    Object client = restarter.getOrAddAttribute("client", () -> Sentry.getGlobalScope().getClient());
    Object options = restarter.getOrAddAttribute("options", () -> Sentry.getCurrentScopes().getOptions());
    System.out.println("SDK client of run " + run + ": " + client.getClass().getName());
    if (run == 1) {
      LoggerFactory.getLogger("com.example.Restarted")
          .error("first run", new IllegalStateException(BEFORE));
      restarter.restart();
      return;
    }
    System.out.println("same SDK client after the restart: " + (Sentry.getGlobalScope().getClient() == client));
    System.out.println("same SDK options after the restart: " + (Sentry.getCurrentScopes().getOptions() == options));
    LoggerFactory.getLogger("com.example.Restarted")
        .error("second run", new IllegalStateException(AFTER));
    context.close();
    System.out.println("SDK enabled after the final close: " + Sentry.isEnabled());
    System.out.println("sentry-bridge running after the final close: " + SentryBridge.find().isPresent());
    System.exit(0);
  }
}
