package org.sentrybridge.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.spring.Events.withException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.log4j2.SentryAppender;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * On Log4j2: an appender declared in the application's Log4j2 configuration is kept and not
 * doubled, a Log4j2 reconfiguration gets the appender back on the same SDK, and next to the
 * official starter sentry-bridge backs off unless told to take over.
 */
@EnabledIfSystemProperty(named = "sentrybridge.test.logging", matches = "log4j2")
class Log4j2OwnConfigurationTest {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class PlainApplication {}

  private static final Duration WAIT = Duration.ofSeconds(20);

  /**
   * Closing a Spring context leaves Log4j2's configuration in place (the declared appender and the
   * SDK it holds included), and Spring Boot 4 initialises the next application of the JVM from the
   * location of Log4j2's current configuration when it has no {@code logging.config} (Spring Boot
   * 3.5 only looks for {@code log4j2*.xml} on the class path). Log4j2 is left as a fresh JVM has it,
   * so that the next test class does not run with this class's configuration.
   */
  @AfterEach
  void log4j2AsInAFreshJvm() {
    ((LoggerContext) LogManager.getContext(false)).reconfigure(new DefaultConfiguration());
  }

  @Test
  void anAppenderDeclaredInTheLog4j2ConfigurationIsKeptAndEachErrorArrivesOnce() {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        ConfigurableApplicationContext context =
            application("logging.config=classpath:log4j2-declared.xml", receiver)) {
      assertThat(sentryAppenderNamesOnRoot()).containsExactly("SENTRY");
      LogManager.getLogger("com.example.Declared")
          .error("declared", new IllegalStateException("sent once by the declared appender"));
      receiver.awaitEvent(withException("sent once by the declared appender"), WAIT);
      assertThat(SentryBridge.service().flush(Duration.ofSeconds(10))).isTrue();
      assertThat(receiver.events(withException("sent once by the declared appender"))).hasSize(1);
    }
  }

  @Test
  void aLog4j2ReconfigurationGetsTheAppenderBackOnTheSameSdk() {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        ConfigurableApplicationContext context = application("logging.level.root=INFO", receiver)) {
      assertThat(sentryAppenderNamesOnRoot()).containsExactly(Log4j2Attachment.APPENDER_NAME);
      Object sdk = SentryBridge.service().getInstance().orElseThrow();
      LoggerContext log4j = (LoggerContext) LogManager.getContext(false);
      Configuration before = log4j.getConfiguration();

      log4j.reconfigure();

      assertThat(log4j.getConfiguration()).isNotSameAs(before);
      assertThat(sentryAppenderNamesOnRoot()).containsExactly(Log4j2Attachment.APPENDER_NAME);
      assertThat(SentryBridge.service().getInstance().orElseThrow()).isSameAs(sdk);
      LogManager.getLogger("com.example.Reconfigured")
          .error("reconfigured", new IllegalStateException("sent after the Log4j2 reconfiguration"));
      receiver.awaitEvent(withException("sent after the Log4j2 reconfiguration"), WAIT);
      assertThat(SentryBridge.service().flush(Duration.ofSeconds(10))).isTrue();
      assertThat(receiver.events(withException("sent after the Log4j2 reconfiguration"))).hasSize(1);
    }
  }

  @Test
  void withTheOfficialStarterItBacksOffWithOneWarningAndSendsNothingUnlessToldToTakeOver(
      @TempDir Path classes) throws Exception {
    OfficialStarterStub.backsOffUnlessToldToTakeOver(
        classes,
        PlainApplication.class,
        Log4j2OwnConfigurationTest::sentryAppenderNamesOnRoot,
        Log4j2Attachment.APPENDER_NAME,
        (logger, error) -> LogManager.getLogger(logger).error("logged", error));
  }

  private static ConfigurableApplicationContext application(
      String property, LoopbackSentryReceiver receiver) {
    return new SpringApplicationBuilder(PlainApplication.class)
        .web(WebApplicationType.NONE)
        .properties("spring.main.banner-mode=off", property, "sentry.dsn=" + receiver.dsn())
        .run();
  }

  private static List<String> sentryAppenderNamesOnRoot() {
    LoggerContext log4j = (LoggerContext) LogManager.getContext(false);
    return log4j.getConfiguration().getRootLogger().getAppenders().values().stream()
        .filter(SentryAppender.class::isInstance)
        .map(appender -> appender.getName())
        .toList();
  }
}
