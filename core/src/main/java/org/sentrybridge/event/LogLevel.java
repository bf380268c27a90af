package org.sentrybridge.event;

import io.sentry.SentryLevel;

/** The log levels both backends share, in increasing severity. */
public enum LogLevel {
  /** Finest detail; Sentry {@code debug}. */
  TRACE(SentryLevel.DEBUG),
  /** Sentry {@code debug}. */
  DEBUG(SentryLevel.DEBUG),
  /** Sentry {@code info}. */
  INFO(SentryLevel.INFO),
  /** Sentry {@code warning}. */
  WARN(SentryLevel.WARNING),
  /** Sentry {@code error}. */
  ERROR(SentryLevel.ERROR),
  /** Log4j2's FATAL (Logback has none); Sentry {@code fatal}. */
  FATAL(SentryLevel.FATAL);

  private final SentryLevel sentryLevel;

  LogLevel(SentryLevel sentryLevel) {
    this.sentryLevel = sentryLevel;
  }

  /**
   * The Sentry level of an event or breadcrumb at this level.
   *
   * @return the Sentry level
   */
  public SentryLevel toSentryLevel() {
    return sentryLevel;
  }

  /**
   * Compares severities.
   *
   * @param other the level to compare with
   * @return true when this level is {@code other} or more severe
   */
  public boolean isAtLeast(LogLevel other) {
    return compareTo(other) >= 0;
  }
}
