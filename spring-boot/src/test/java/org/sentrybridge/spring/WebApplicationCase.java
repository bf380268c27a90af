package org.sentrybridge.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.spring.Events.withException;

import com.example.shop.ShopApplication;
import io.sentry.Breadcrumb;
import io.sentry.SentryEvent;
import io.sentry.protocol.SentryException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One web application configured only by properties, on the logging system of the subclass:
 * start-up errors, requests in parallel, an unhandled controller exception.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class WebApplicationCase {

  @TempDir static Path buffer;

  static final String BEFORE_REFRESH = "error logged before the context refresh";
  static final Duration WAIT = Duration.ofSeconds(20);

  static LoopbackSentryReceiver receiver;
  static ConfigurableApplicationContext context;
  static HttpClient http;
  static String base;

  @BeforeAll
  static void start() {
    receiver = LoopbackSentryReceiver.start();
    context =
        new SpringApplicationBuilder(ShopApplication.class, TestUserFilter.class)
            .initializers(
                ctx ->
                    LoggerFactory.getLogger("com.example.shop.Startup")
                        .error("configuration check", new IllegalStateException(BEFORE_REFRESH)))
            .properties(
                "server.port=0",
                "server.address=127.0.0.1",
                "spring.main.banner-mode=off",
                "sentry.dsn=" + receiver.dsn(),
                "sentry.flush-timeout=3s",
                "sentry.buffer-dir=" + buffer,
                "sentry.dedupe-window=0",
                "sentry.init.send-default-pii=true",
                "sentry.init.server-name=shop-1",
                "spring.profiles.active=staging",
                "spring.info.build.location=classpath:shop-build-info.properties",
                "management.endpoints.web.exposure.include=health,metrics",
                "management.endpoint.health.show-details=always")
            .run();
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
  }

  @AfterAll
  static void stop() {
    if (context != null) {
      context.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void errorsLoggedBeforeTheRefreshAndInARunnerArriveWithThePropertiesApplied() {
    SentryEvent early = receiver.awaitEvent(withException(BEFORE_REFRESH), WAIT);
    SentryEvent runner = receiver.awaitEvent(withException(ShopApplication.RUNNER_ERROR), WAIT);
    assertThat(early.getLogger()).isEqualTo("com.example.shop.Startup");
    assertThat(runner.getServerName()).isEqualTo("shop-1");
    // defaults: the active profile and build-info
    assertThat(runner.getEnvironment()).isEqualTo("staging");
    assertThat(runner.getRelease()).isEqualTo("shop@1.2.3");
    assertThat(sentryAppendersOnRoot()).isEqualTo(1);
    assertThat(context.getBean(SentryBridgeProperties.class).getFlushTimeout()).isEqualTo("3s");
  }

  @Test
  void concurrentRequestsEachCarryOnlyTheirOwnRequestUserAndBreadcrumbs() throws Exception {
    int loops = 4;
    int perLoop = 3;
    ExecutorService pool = Executors.newFixedThreadPool(loops);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int loop = 0; loop < loops; loop++) {
        String name = "L" + loop;
        all.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perLoop; i++) {
                    get("/orders/" + i + "?loop=" + name, "user-" + name);
                  }
                  return null;
                }));
      }
      for (Future<?> future : all) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    for (int loop = 0; loop < loops; loop++) {
      String name = "L" + loop;
      for (int i = 0; i < perLoop; i++) {
        SentryEvent event =
            receiver.awaitEvent(withException("lookup failed in loop " + name + " order " + i), WAIT);
        assertThat(event.getRequest().getUrl()).isEqualTo(base + "/orders/" + i);
        assertThat(event.getRequest().getQueryString()).isEqualTo("loop=" + name);
        assertThat(event.getRequest().getMethod()).isEqualTo("GET");
        // header names as the container gives them (Tomcat 10 lower-cases them, Tomcat 11 not)
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(event.getRequest().getHeaders());
        assertThat(headers)
            .containsEntry("X-Test-User", "user-" + name)
            .doesNotContainKeys("Authorization", "Cookie");
        assertThat(event.getTransaction()).isEqualTo("GET /orders/{id}");
        assertThat(event.getUser().getUsername()).isEqualTo("user-" + name);
        List<String> crumbs = new ArrayList<>();
        for (Breadcrumb crumb : event.getBreadcrumbs()) {
          if (crumb.getMessage() != null) {
            crumbs.add(crumb.getMessage());
          }
        }
        // this request's own log line, none of another request's
        String own = "looking up order " + i + " for loop " + name;
        assertThat(crumbs).contains(own);
        assertThat(crumbs).allMatch(text -> !text.startsWith("looking up order ") || text.equals(own));
      }
    }
  }

  @Test
  void anUnhandledControllerExceptionArrivesOnceUnhandledWithItsRequest() throws Exception {
    HttpResponse<String> response = get("/fail/7", null);
    assertThat(response.statusCode()).isEqualTo(500);
    SentryEvent event = receiver.awaitEvent(withException("unhandled failure 7"), WAIT);
    SentryException exception = event.getExceptions().get(event.getExceptions().size() - 1);
    assertThat(exception.getMechanism().isHandled())
        .as("%s %s", exception.getMechanism().getType(), event.getLogger())
        .isFalse();
    assertThat(exception.getMechanism().getType()).isEqualTo(SentryExceptionResolver.MECHANISM_TYPE);
    assertThat(event.getRequest().getUrl()).isEqualTo(base + "/fail/7");
    assertThat(event.getTransaction()).isEqualTo("GET /fail/{id}");
    // the container logged the same exception after the resolver: everything is delivered now
    assertThat(SentryBridge.service().flush(WAIT)).isTrue();
    assertThat(receiver.events(withException("unhandled failure 7"))).hasSize(1);
  }

  @Test
  @Order(Integer.MAX_VALUE) // last: the rate limit it provokes lasts
  void healthAndMetersAreReadableThroughActuator() throws Exception {
    receiver.awaitEvent(withException(ShopApplication.RUNNER_ERROR), WAIT);
    assertThat(SentryBridge.service().flush(WAIT)).isTrue();
    String health = get("/actuator/health", null).body();
    assertThat(componentStatus(health)).as(health).isEqualTo("UP");
    assertThat(health).contains("\"reachable\":true");
    String delivered = get("/actuator/metrics/sentry.bridge.events.delivered", null).body();
    assertThat(delivered).contains("\"name\":\"sentry.bridge.events.delivered\"");
    assertThat(countIn(delivered)).isGreaterThanOrEqualTo(2); // at least the two start-up errors
    assertThat(get("/actuator/metrics/sentry.bridge.events.queued", null).statusCode()).isEqualTo(200);
    assertThat(get("/actuator/metrics/sentry.bridge.events.buffered", null).statusCode()).isEqualTo(200);

    receiver.rateLimitFor(Duration.ofSeconds(30));
    LoggerFactory.getLogger("com.example.shop.Health")
        .error("health", new IllegalStateException("sent while rate-limited"));
    org.sentrybridge.testing.Poll.until("the rate limit shows in the health", WAIT,
        () -> {
          try {
            return "DEGRADED".equals(componentStatus(get("/actuator/health", null).body()));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    receiver.respondHealthy();
  }

  /** The status of the component sentryBridge in a /actuator/health answer (any key order). */
  private static String componentStatus(String json) {
    String flat = json.replaceAll("\"dropped\":\\{[^{}]*\\}", "\"dropped\":0");
    java.util.regex.Matcher component =
        java.util.regex.Pattern.compile("\"sentryBridge\":\\{[^{}]*(\\{[^{}]*\\})?[^{}]*\\}")
            .matcher(flat);
    if (!component.find()) {
      return null;
    }
    java.util.regex.Matcher status =
        java.util.regex.Pattern.compile("\"status\":\"([A-Z_]+)\"").matcher(component.group());
    return status.find() ? status.group(1) : null;
  }

  /** The value of the first measurement of a /actuator/metrics answer. */
  private static double countIn(String json) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"value\":([0-9.E+-]+)").matcher(json);
    assertThat(m.find()).as(json).isTrue();
    return Double.parseDouble(m.group(1));
  }

  /** How many sentry-bridge appenders the root logger of the running logging system has. */
  abstract int sentryAppendersOnRoot();

  static HttpResponse<String> get(String path, String user) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer secret-token")
            .header("Cookie", "SESSION=secret");
    if (user != null) {
      request.header("X-Test-User", user);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
