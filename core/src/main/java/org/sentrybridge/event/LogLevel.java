package org.sentrybridge.event;

import io.sentry.SentryLevel;
import java.util.List;
import java.util.Locale;

/** The log levels both backends share, in increasing severity. */
public enum LogLevel {
  TRACE(SentryLevel.DEBUG),
  DEBUG(SentryLevel.DEBUG),
  INFO(SentryLevel.INFO),
  WARN(SentryLevel.WARNING),
  ERROR(SentryLevel.ERROR),
  FATAL(SentryLevel.FATAL);

  private final SentryLevel sentryLevel;

  LogLevel(SentryLevel sentryLevel) {
    this.sentryLevel = sentryLevel;
  }

  public SentryLevel toSentryLevel() {
    return sentryLevel;
  }

  public boolean isAtLeast(LogLevel other) {
    return compareTo(other) >= 0;
  }

  /**
   * Parses a level name (case does not matter; WARNING is WARN, OFF is past FATAL and returns null
   * with no problem). Adds a problem naming {@code setting} and returns null when unknown.
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
