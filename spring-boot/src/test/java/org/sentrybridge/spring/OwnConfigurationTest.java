package org.sentrybridge.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.spring.Events.withException;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.logback.SentryAppender;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the application already has is respected: its own sentry-bridge appender in the logging
 * configuration, or the official Sentry starter.
 */
@DisabledIfSystemProperty(named = "sentrybridge.test.logging", matches = "log4j2")
class OwnConfigurationTest {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class PlainApplication {}

  @Test
  void anAppenderDeclaredInTheLogbackConfigurationIsKeptAndNoSecondOneAttached() {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        ConfigurableApplicationContext context =
            new SpringApplicationBuilder(PlainApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                    "spring.main.banner-mode=off",
                    "logging.config=classpath:logback-declared.xml",
                    "sentry.dsn=" + receiver.dsn())
                .run()) {
      assertThat(sentryAppenderNames()).containsExactly("SENTRY");
      LoggerFactory.getLogger("com.example.Declared")
          .error("declared", new IllegalStateException("sent by the declared appender"));
      receiver.awaitEvent(withException("sent by the declared appender"), Duration.ofSeconds(20));
      assertThat(SentryBridge.service().flush(Duration.ofSeconds(10))).isTrue();
      assertThat(receiver.events(withException("sent by the declared appender"))).hasSize(1);
    }
  }

  @Test
  void aLogbackReconfigurationGetsTheAppenderBackOnTheSameSdk() throws Exception {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        ConfigurableApplicationContext context =
            new SpringApplicationBuilder(PlainApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                    "spring.main.banner-mode=off",
                    "logging.config=classpath:logback-plain.xml",
                    "sentry.dsn=" + receiver.dsn())
                .run()) {
      assertThat(sentryAppenderNames()).containsExactly(LogbackAttachment.APPENDER_NAME);
      Object sdk = SentryBridge.service().getInstance().orElseThrow();

      LogbackReload.reconfigure("/logback-plain.xml");

      assertThat(sentryAppenderNames()).containsExactly(LogbackAttachment.APPENDER_NAME);
      assertThat(SentryBridge.service().getInstance().orElseThrow()).isSameAs(sdk);
      LoggerFactory.getLogger("com.example.Reloaded")
          .error("reloaded", new IllegalStateException("sent after the reconfiguration"));
      receiver.awaitEvent(withException("sent after the reconfiguration"), Duration.ofSeconds(20));
    }
  }

  @Test
  void withTheOfficialStarterItBacksOffWithOneWarningAndSendsNothingUnlessToldToTakeOver(
      @TempDir Path classes) throws Exception {
    OfficialStarterStub.backsOffUnlessToldToTakeOver(
        classes,
        PlainApplication.class,
        OwnConfigurationTest::sentryAppenderNames,
        LogbackAttachment.APPENDER_NAME,
        (logger, error) -> LoggerFactory.getLogger(logger).error("logged", error));
  }

  private static List<String> sentryAppenderNames() {
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    List<String> names = new ArrayList<>();
    for (Logger logger : logback.getLoggerList()) {
      for (var it = logger.iteratorForAppenders(); it.hasNext(); ) {
        Appender<ILoggingEvent> appender = it.next();
        if (appender instanceof SentryAppender) {
          names.add(appender.getName());
        }
      }
    }
    return names;
  }
}
