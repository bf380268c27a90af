package org.sentrybridge.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.LogLevel;

/**
 * Parses the string forms that XML configuration gives every setting. Each parser returns null and
 * adds one message naming the setting when the text is not valid.
 */
public final class SettingParsers {

  private SettingParsers() {}

  /**
   * {@code true} or {@code false}, case does not matter.
   *
   * @param name the setting, for the message
   * @param text the configured text
   * @param problems where a problem is added
   * @return the value, or null when the text is not valid
   */
  public static Boolean parseBoolean(String name, String text, List<String> problems) {
    String value = text == null ? "" : text.trim();
    if (value.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (value.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    problems.add(name + ": '" + text + "' is not true or false");
    return null;
  }

  /**
   * A whole number, {@code _} allowed between digits.
   *
   * @param name the setting, for the message
   * @param text the configured text
   * @param min the lowest valid value
   * @param problems where a problem is added
   * @return the value, or null when the text is not valid
   */
  public static Long parseLong(String name, String text, long min, List<String> problems) {
    try {
      long value = Long.parseLong(text == null ? "" : text.trim().replace("_", ""));
      if (value < min) {
        problems.add(name + ": " + value + " is below the minimum of " + min);
        return null;
      }
      return value;
    } catch (NumberFormatException e) {
      problems.add(name + ": '" + text + "' is not a whole number");
      return null;
    }
  }

  /**
   * Sizes such as {@code 1048576}, {@code 512KB}, {@code 64MB}, {@code 1GB} (binary multiples, case
   * does not matter).
   *
   * @param name the setting, for the message
   * @param text the configured text
   * @param problems where a problem is added
   * @return the number of bytes, or null when the text is not valid
   */
  public static Long parseBytes(String name, String text, List<String> problems) {
    String value = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace(" ", "");
    long multiplier = 1;
    String[][] units = {{"GB", "1073741824"}, {"MB", "1048576"}, {"KB", "1024"}, {"B", "1"}};
    for (String[] unit : units) {
      if (value.endsWith(unit[0])) {
        multiplier = Long.parseLong(unit[1]);
        value = value.substring(0, value.length() - unit[0].length());
        break;
      }
    }
    try {
      long number = Long.parseLong(value);
      if (number < 0) {
        problems.add(name + ": '" + text + "' must not be negative");
        return null;
      }
      return Math.multiplyExact(number, multiplier);
    } catch (NumberFormatException | ArithmeticException e) {
      problems.add(name + ": '" + text + "' is not a size such as 1048576, 512KB or 64MB");
      return null;
    }
  }

  /**
   * Durations such as {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}, a bare number of
   * milliseconds, or ISO-8601 ({@code PT30S}).
   *
   * @param name the setting, for the message
   * @param text the configured text
   * @param problems where a problem is added
   * @return the duration, or null when the text is not valid
   */
  public static Duration parseDuration(String name, String text, List<String> problems) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
    try {
      if (value.startsWith("pt") || value.startsWith("p")) {
        return nonNegative(name, text, Duration.parse(value.toUpperCase(Locale.ROOT)), problems);
      }
      String[][] units = {{"ms", "1"}, {"s", "1000"}, {"m", "60000"}, {"h", "3600000"}};
      for (String[] unit : units) {
        if (value.endsWith(unit[0])) {
          String number = value.substring(0, value.length() - unit[0].length());
          return nonNegative(
              name,
              text,
              Duration.ofMillis(Math.multiplyExact(Long.parseLong(number), Long.parseLong(unit[1]))),
              problems);
        }
      }
      return nonNegative(name, text, Duration.ofMillis(Long.parseLong(value)), problems);
    } catch (RuntimeException e) {
      problems.add(name + ": '" + text + "' is not a duration such as 500ms, 30s, 5m or PT1M");
      return null;
    }
  }

  private static Duration nonNegative(
      String name, String text, Duration duration, List<String> problems) {
    if (duration.isNegative()) {
      problems.add(name + ": '" + text + "' must not be negative");
      return null;
    }
    return duration;
  }

  /**
   * Splits a comma- or whitespace-separated list, dropping empty entries.
   *
   * @param text the configured text; null gives an empty list
   * @return the entries
   */
  public static List<String> parseList(String text) {
    List<String> items = new ArrayList<>();
    if (text == null) {
      return items;
    }
    for (String item : text.split("[,\\s]+")) {
      if (!item.isEmpty()) {
        items.add(item);
      }
    }
    return items;
  }

  /**
   * A level name, case does not matter; WARNING is WARN, and OFF (past FATAL) gives null with no
   * problem. Adds a problem naming {@code name} and returns null when unknown.
   *
   * @param name the setting, for the message
   * @param text the configured text
   * @param problems where a problem is added
   * @return the level, or null for OFF or an unknown name
   */
  public static LogLevel parseLevel(String name, String text, List<String> problems) {
    String value = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    if (value.equals("WARNING")) {
      return LogLevel.WARN;
    }
    if (value.equals("OFF")) {
      return null;
    }
    for (LogLevel level : LogLevel.values()) {
      if (level.name().equals(value)) {
        return level;
      }
    }
    problems.add(
        name + ": '" + text + "' is not a level (TRACE, DEBUG, INFO, WARN, ERROR, FATAL, OFF)");
    return null;
  }

  /**
   * {@code field=mdcKey} pairs ({@code id=userId, email=user.email}), user field names matched
   * without regard to case ({@code ip} is {@code ipAddress}). Each malformed pair or unknown field
   * adds a problem naming {@code userMdcKeys}.
   *
   * @param text the configured text; null gives none
   * @param problems where problems are added
   * @return the MDC key of each user field, fields named as in {@link CaptureRules#USER_FIELDS}
   */
  public static Map<String, String> parseUserMdcKeys(String text, List<String> problems) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (String pair : parseList(text)) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        problems.add(
            "userMdcKeys: '" + pair + "' is not field=mdcKey (fields: "
                + CaptureRules.USER_FIELDS + ")");
        continue;
      }
      String field = pair.substring(0, eq).trim();
      String canonical = null;
      for (String known : CaptureRules.USER_FIELDS) {
        if (known.equalsIgnoreCase(field)
            || (known.equals("ipAddress") && field.equalsIgnoreCase("ip"))) {
          canonical = known;
        }
      }
      if (canonical == null) {
        problems.add(
            "userMdcKeys: '" + field + "' is not a user field (" + CaptureRules.USER_FIELDS + ")");
      } else {
        keys.put(canonical, pair.substring(eq + 1).trim());
      }
    }
    return keys;
  }
}
