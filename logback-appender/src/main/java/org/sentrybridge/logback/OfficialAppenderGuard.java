package org.sentrybridge.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.function.Predicate;

/**
 * Put on an official Sentry appender of the same context: denies the log events a sentry-bridge
 * appender takes, so each error is sent once, by sentry-bridge, and the official appender never
 * builds (or has the SDK discard) a copy of it. Everything else it leaves to the official
 * appender's own filters.
 */
final class OfficialAppenderGuard extends Filter<ILoggingEvent> {

  private final Predicate<ILoggingEvent> takenBySentryBridge;

  OfficialAppenderGuard(Predicate<ILoggingEvent> takenBySentryBridge) {
    this.takenBySentryBridge = takenBySentryBridge;
    setName("sentry-bridge");
    start();
  }

  @Override
  public FilterReply decide(ILoggingEvent event) {
    return takenBySentryBridge.test(event) ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
