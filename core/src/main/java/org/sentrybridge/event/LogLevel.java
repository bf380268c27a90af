package org.sentrybridge.event;

import io.sentry.SentryLevel;
import java.util.List;
import java.util.Locale;

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

  /**
   * Parses a level name (case does not matter; WARNING is WARN, OFF is past FATAL and returns null
   * with no problem). Adds a problem naming {@code setting} and returns null when unknown.
   *
   * @param setting the setting, for the message
   * @param text the configured text
   * @param problems where a problem is added
   * @return the level, or null for OFF or an unknown name
   */
  public static LogLevel parse(String setting, String text, List<String> problems) {
    String value = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    if (value.equals("WARNING")) {
      return WARN;
    }
    if (value.equals("OFF")) {
      return null;
    }
    for (LogLevel level : values()) {
      if (level.name().equals(value)) {
        return level;
      }
    }
    problems.add(
        setting + ": '" + text + "' is not a level (TRACE, DEBUG, INFO, WARN, ERROR, FATAL, OFF)");
    return null;
  }
}
