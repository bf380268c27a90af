package org.sentrybridge.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.spring.Events.withException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The official Sentry starter as sentry-bridge's auto-configuration sees it, a class of its name
 * on the class path (the starter itself does not resolve for Spring Boot 3.5 and 4.0 here), and
 * the scenario both logging systems' tests run with it.
 */
final class OfficialStarterStub {

  private OfficialStarterStub() {}

  /** A class loader that also has a class of the official starter's name, compiled into {@code classes}. */
  private static ClassLoader classLoader(Path classes) throws Exception {
    String name = SpringIntegration.OFFICIAL_STARTERS.get(0);
    String pkg = name.substring(0, name.lastIndexOf('.'));
    Path source = classes.resolve("SentryAutoConfiguration.java");
    Files.writeString(source, "package " + pkg + "; public class SentryAutoConfiguration {}");
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertThat(compiler.run(null, null, null, "-d", classes.toString(), source.toString())).isZero();
    return new URLClassLoader(
        new URL[] {classes.toUri().toURL()}, OfficialStarterStub.class.getClassLoader());
  }

  /**
   * With the official starter on the class path, sentry-bridge attaches nothing, starts no SDK,
   * sends nothing and says so once; with {@code sentry.take-over=true} it attaches its appender and
   * each error arrives once, without a second warning.
   *
   * @param classes a scratch directory for the stub
   * @param application the Spring Boot application class
   * @param sentryAppenderNames the names of sentry-bridge's appenders the logging system has
   * @param attachedName the name of the appender sentry-bridge attaches
   * @param logError logs an error with that throwable on a logger of that name
   */
  static void backsOffUnlessToldToTakeOver(
      Path classes,
      Class<?> application,
      Supplier<List<String>> sentryAppenderNames,
      String attachedName,
      BiConsumer<String, Throwable> logError)
      throws Exception {
    ClassLoader withOfficialStarter = classLoader(classes);
    PrintStream console = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        ConfigurableApplicationContext context =
            new SpringApplicationBuilder(application)
                .resourceLoader(new DefaultResourceLoader(withOfficialStarter))
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "sentry.dsn=" + receiver.dsn())
                .run()) {
      assertThat(sentryAppenderNames.get()).isEmpty();
      assertThat(SentryBridge.find()).isEmpty();
      logError.accept("com.example.Official", new IllegalStateException("left to the official starter"));
      // no SDK of ours runs that could send it; a later context on the same receiver proves the
      // receiver was reachable and got nothing from us
      try (ConfigurableApplicationContext takenOver =
          new SpringApplicationBuilder(application)
              .resourceLoader(new DefaultResourceLoader(withOfficialStarter))
              .web(WebApplicationType.NONE)
              .properties(
                  "spring.main.banner-mode=off", "sentry.dsn=" + receiver.dsn(), "sentry.take-over=true")
              .run()) {
        assertThat(sentryAppenderNames.get()).containsExactly(attachedName);
        logError.accept("com.example.TakenOver", new IllegalStateException("sent once after the take-over"));
        receiver.awaitEvent(withException("sent once after the take-over"), Duration.ofSeconds(20));
        assertThat(SentryBridge.service().flush(Duration.ofSeconds(10))).isTrue();
        assertThat(receiver.events(withException("sent once after the take-over"))).hasSize(1);
        assertThat(receiver.events(withException("left to the official starter"))).isEmpty();
      }
    } finally {
      System.setOut(console);
    }
    String output = printed.toString(StandardCharsets.UTF_8);
    // one warning for the context that backed off, none for the one that took over
    assertThat(output.split("official Sentry Spring Boot starter", -1)).hasSize(2);
  }
}
