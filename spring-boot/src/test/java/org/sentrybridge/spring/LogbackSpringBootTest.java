package org.sentrybridge.spring;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.util.Iterator;
import org.sentrybridge.logback.SentryAppender;
import org.slf4j.LoggerFactory;

/** The web application on Logback, Spring Boot's default. */
@DisabledIfSystemProperty(named = "sentrybridge.test.logging", matches = "log4j2")
class LogbackSpringBootTest extends WebApplicationCase {

  @Override
  int sentryAppendersOnRoot() {
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = logback.getLogger(Logger.ROOT_LOGGER_NAME);
    int count = 0;
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof SentryAppender) {
        count++;
      }
    }
    return count;
  }
}
