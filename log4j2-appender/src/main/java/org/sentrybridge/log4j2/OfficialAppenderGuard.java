package org.sentrybridge.log4j2;

import java.util.function.Predicate;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.filter.AbstractFilter;

/**
 * Put on an official Sentry appender of the same configuration: denies the log events a
 * sentry-bridge appender takes, so each error is sent once, by sentry-bridge, and the official
 * appender never builds (or has the SDK discard) a copy of it. Everything else it leaves to the
 * official appender's own filter.
 */
final class OfficialAppenderGuard extends AbstractFilter {

  private final Predicate<LogEvent> takenBySentryBridge;

  OfficialAppenderGuard(Predicate<LogEvent> takenBySentryBridge) {
    super(Result.DENY, Result.NEUTRAL);
    this.takenBySentryBridge = takenBySentryBridge;
  }

  @Override
  public Result filter(LogEvent event) {
    return takenBySentryBridge.test(event) ? Result.DENY : Result.NEUTRAL;
  }
}
