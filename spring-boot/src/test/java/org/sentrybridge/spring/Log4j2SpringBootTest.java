package org.sentrybridge.spring;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.sentrybridge.log4j2.SentryAppender;

/** The web application on Log4j2 (spring-boot-starter-log4j2 in place of Logback). */
@EnabledIfSystemProperty(named = "sentrybridge.test.logging", matches = "log4j2")
class Log4j2SpringBootTest extends WebApplicationCase {

  @Override
  int sentryAppendersOnRoot() {
    LoggerContext log4j = (LoggerContext) LogManager.getContext(false);
    return (int)
        log4j.getConfiguration().getRootLogger().getAppenders().values().stream()
            .filter(SentryAppender.class::isInstance)
            .count();
  }
}
