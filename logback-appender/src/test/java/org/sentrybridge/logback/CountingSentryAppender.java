package org.sentrybridge.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.concurrent.atomic.AtomicLong;

/** The Sentry appender, counting the errors Logback hands to it (started or not). */
public class CountingSentryAppender extends SentryAppender {

  static final AtomicLong ERRORS = new AtomicLong();

  @Override
  public void doAppend(ILoggingEvent event) {
    if (event.getLevel() == Level.ERROR) {
      ERRORS.incrementAndGet();
    }
    super.doAppend(event);
  }
}
