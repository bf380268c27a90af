package org.sentrybridge.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.LogLevel;

/**
 * Every setting of sentry-bridge, declared once: its name in {@code logback.xml} and {@code
 * log4j2.xml}, its default, its parser and a one-line description. The appenders' setters and
 * attributes, the Log4j2 manager's identity, the report of differences between two configurations
 * and the README's settings tables all follow this list.
 */
public enum Setting {
  /** See {@link BridgeSettings#enabled()}. */
  ENABLED(Part.CORE, "enabled", "true", null, "false turns sentry-bridge fully off",
      (p, text, problems) -> p.settings().enabled(text), BridgeSettings::enabled),
  /** See {@link BridgeSettings#dsn()}. */
  DSN(Part.CORE, "dsn", null, "none", "the Sentry DSN; without one, the SDK's sources",
      (p, text, problems) -> p.settings().dsn(text), BridgeSettings::dsn),
  /** See {@link BridgeSettings#sendMetadata()}. */
  SEND_METADATA(Part.CORE, "sendMetadata", "true", null,
      "attach host, logger, thread, MDC, markers, the Sentry scope and breadcrumbs",
      (p, text, problems) -> p.settings().sendMetadata(text), BridgeSettings::sendMetadata),
  /** See {@link BridgeSettings#captureScope()}. */
  CAPTURE_SCOPE(Part.CORE, "captureScope", "true", null,
      "errors carry the Sentry scope of the thread that logged them",
      (p, text, problems) -> p.settings().captureScope(text), BridgeSettings::captureScope),
  /** See {@link BridgeSettings#environment()}. */
  ENVIRONMENT(Part.CORE, "environment", null, "SDK sources", "the Sentry environment",
      (p, text, problems) -> p.settings().environment(text), BridgeSettings::environment),
  /** See {@link BridgeSettings#release()}. */
  RELEASE(Part.CORE, "release", null, "SDK sources", "the Sentry release",
      (p, text, problems) -> p.settings().release(text), BridgeSettings::release),
  /**
   * See {@link BridgeSettings#init()}; as text, {@code name=value} entries separated by commas,
   * semicolons or line breaks (see {@link InitOptionsText}).
   */
  INIT(Part.CORE, "init", null, "none", "Sentry SDK options by name",
      (p, text, problems) -> p.settings().init(InitOptionsText.parse(text, problems)),
      BridgeSettings::init),
  /** See {@link BridgeSettings#bufferDir()}. */
  BUFFER_DIR(Part.CORE, "bufferDir", null,
      "`<java.io.tmpdir>/sentry-bridge-<user name>/<hash of DSN>`",
      "where undelivered envelopes are kept on disk",
      (p, text, problems) -> p.settings().bufferDir(text), BridgeSettings::bufferDir),
  /** See {@link BridgeSettings#queueSize()}. */
  QUEUE_SIZE(Part.CORE, "queueSize", "10000", null, "log events that may wait for delivery",
      (p, text, problems) -> p.settings().queueSize(text), BridgeSettings::queueSize),
  /** See {@link BridgeSettings#maxBufferedEvents()}. */
  MAX_BUFFERED_EVENTS(Part.CORE, "maxBufferedEvents", "2000", null,
      "envelopes kept in memory before they spill to disk",
      (p, text, problems) -> p.settings().maxBufferedEvents(text),
      BridgeSettings::maxBufferedEvents),
  /** See {@link BridgeSettings#maxBufferBytes()}. */
  MAX_BUFFER_BYTES(Part.CORE, "maxBufferBytes", "100MB", null, "bytes of envelopes kept on disk",
      (p, text, problems) -> p.settings().maxBufferBytes(text), BridgeSettings::maxBufferBytes),
  /** See {@link BridgeSettings#maxRequestsInFlight()}. */
  MAX_REQUESTS_IN_FLIGHT(Part.CORE, "maxRequestsInFlight", "32", null,
      "requests to Sentry awaiting their answer at the same time",
      (p, text, problems) -> p.settings().maxRequestsInFlight(text),
      BridgeSettings::maxRequestsInFlight),
  /** See {@link BridgeSettings#dedupeWindow()}. */
  DEDUPE_WINDOW(Part.CORE, "dedupeWindow", "60s", null,
      "the same error within this window is sent once with a repeat count",
      (p, text, problems) -> p.settings().dedupeWindow(text), BridgeSettings::dedupeWindow),
  /** See {@link BridgeSettings#flushTimeout()}. */
  FLUSH_TIMEOUT(Part.CORE, "flushTimeout", "5s", null, "how long stopping waits for delivery",
      (p, text, problems) -> p.settings().flushTimeout(text), BridgeSettings::flushTimeout),
  /** See {@link BridgeSettings#failOnConfigurationError()}. */
  FAIL_ON_CONFIGURATION_ERROR(Part.CORE, "failOnConfigurationError", "false", null,
      "report configuration problems as errors instead of warnings",
      (p, text, problems) -> p.settings().failOnConfigurationError(text),
      BridgeSettings::failOnConfigurationError),
  /** See {@link CaptureRules#minimumEventLevel()}. */
  MINIMUM_EVENT_LEVEL(Part.APPENDER, "minimumEventLevel", "ERROR", null,
      "lowest level that becomes a Sentry event (OFF: none)",
      (p, text, problems) -> {
        int before = problems.size();
        LogLevel level = SettingParsers.parseLevel("minimumEventLevel", text, problems);
        if (problems.size() == before) {
          p.rules().minimumEventLevel(level);
        }
      },
      null),
  /** See {@link CaptureRules#requireThrowable()}. */
  REQUIRE_THROWABLE(Part.APPENDER, "requireThrowable", "true", null,
      "only log events with a throwable become events",
      (p, text, problems) -> {
        Boolean value = SettingParsers.parseBoolean("requireThrowable", text, problems);
        if (value != null) {
          p.rules().requireThrowable(value);
        }
      },
      null),
  /** See {@link CaptureRules#minimumBreadcrumbLevel()}. */
  MINIMUM_BREADCRUMB_LEVEL(Part.APPENDER, "minimumBreadcrumbLevel", "INFO", null,
      "lowest level kept as a breadcrumb (OFF: none)",
      (p, text, problems) -> {
        int before = problems.size();
        LogLevel level = SettingParsers.parseLevel("minimumBreadcrumbLevel", text, problems);
        if (problems.size() == before) {
          p.rules().minimumBreadcrumbLevel(level);
        }
      },
      null),
  /** See {@link CaptureRules#minimumLevel()}. */
  MINIMUM_LEVEL(Part.APPENDER, "minimumLevel", "INFO", null,
      "lowest level sent as a Sentry log entry when Sentry Logs are on (OFF: none)",
      (p, text, problems) -> {
        int before = problems.size();
        LogLevel level = SettingParsers.parseLevel("minimumLevel", text, problems);
        if (problems.size() == before) {
          p.rules().minimumLevel(level);
        }
      },
      null),
  /** See {@link CaptureRules#maxBreadcrumbs()}; at most 1000 are kept. */
  MAX_BREADCRUMBS(Part.APPENDER, "maxBreadcrumbs", "100", null,
      "log-line breadcrumbs kept per Sentry scope",
      (p, text, problems) -> {
        Long value = SettingParsers.parseLong("maxBreadcrumbs", text, 0, problems);
        if (value != null) {
          p.rules().maxBreadcrumbs((int) Math.min(CaptureRules.MAX_BREADCRUMBS, value));
        }
      },
      null),
  /** See {@link CaptureRules#contextTags()}; comma-separated, may be repeated. */
  CONTEXT_TAGS(Part.APPENDER, "contextTags", null, "none",
      "MDC keys or globs promoted to tags",
      (p, text, problems) -> p.rules().contextTags(SettingParsers.parseList(text)), null),
  /** See {@link CaptureRules#userMdcKeys()}; {@code field=mdcKey} pairs, may be repeated. */
  USER_MDC_KEYS(Part.APPENDER, "userMdcKeys", null, "none", "MDC keys that fill the Sentry user",
      (p, text, problems) -> SettingParsers.parseUserMdcKeys(text, problems)
          .forEach((field, key) -> p.rules().userMdcKey(field, key)),
      null),
  /** See {@link CaptureRules#ignoredExceptions()}; comma-separated, may be repeated. */
  IGNORED_EXCEPTIONS(Part.APPENDER, "ignoredExceptions", null, "none",
      "exception class names never sent, subclasses included",
      (p, text, problems) -> p.rules().ignoredExceptions(SettingParsers.parseList(text)), null),
  /** See {@link CaptureRules#ignoredLoggers()}; comma-separated, may be repeated. */
  IGNORED_LOGGERS(Part.APPENDER, "ignoredLoggers", null, "none",
      "loggers never sent, with the loggers below them",
      (p, text, problems) -> p.rules().ignoredLoggers(SettingParsers.parseList(text)), null);

  /** Where a setting belongs. */
  public enum Part {
    /** Process-wide: one value per running integration ({@link BridgeSettings}). */
    CORE,
    /** Each appender's own ({@link CaptureRules}). */
    APPENDER
  }

  /** The builders a setting's text is parsed into. */
  record Parsing(BridgeSettings.Builder settings, CaptureRules.Builder rules) {}

  /** Parses one setting's text into its builder, adding problems that name the setting. */
  @FunctionalInterface
  interface Parser {
    void parse(Parsing target, String text, List<String> problems);
  }

  private final Part part;
  private final String settingName;
  private final String defaultText;
  private final String defaultDescription;
  private final String description;
  private final Parser parser;
  private final Function<BridgeSettings, Object> value;

  Setting(
      Part part,
      String settingName,
      String defaultText,
      String defaultDescription,
      String description,
      Parser parser,
      Function<BridgeSettings, ?> value) {
    this.part = part;
    this.settingName = settingName;
    this.defaultText = defaultText;
    this.defaultDescription = defaultDescription;
    this.description = description;
    this.parser = parser;
    this.value = value == null ? null : value::apply;
  }

  /**
   * The name, the same in {@code logback.xml}, {@code log4j2.xml} and code.
   *
   * @return the name, e.g. {@code dedupeWindow}
   */
  public String settingName() {
    return settingName;
  }

  /**
   * Whether this setting is process-wide or each appender's own.
   *
   * @return the part
   */
  public Part part() {
    return part;
  }

  /**
   * The default as text that parses to it, e.g. {@code 60s}.
   *
   * @return the text, or null when the default is not a value (none, the SDK's sources, a path
   *     made from the DSN)
   */
  public String defaultText() {
    return defaultText;
  }

  /**
   * The default as the README's settings tables state it: {@code `60s`}, {@code none}, {@code SDK
   * sources}.
   *
   * @return the default as documented
   */
  public String documentedDefault() {
    return defaultText != null ? "`" + defaultText + "`" : defaultDescription;
  }

  /**
   * One line on what the setting does.
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  /**
   * Whether the setting may be given several times, the values adding up (lists, SDK options).
   *
   * @return true for list settings
   */
  public boolean isRepeatable() {
    return this == INIT || this == CONTEXT_TAGS || this == USER_MDC_KEYS
        || this == IGNORED_EXCEPTIONS || this == IGNORED_LOGGERS;
  }

  /**
   * The name of the appender setter, e.g. {@code setDedupeWindow}.
   *
   * @return the setter's name
   */
  public String setterName() {
    return "set" + settingName.substring(0, 1).toUpperCase(Locale.ROOT) + settingName.substring(1);
  }

  /**
   * The settings of one part, in declaration order.
   *
   * @param part the part
   * @return its settings
   */
  public static List<Setting> of(Part part) {
    List<Setting> settings = new ArrayList<>();
    for (Setting setting : values()) {
      if (setting.part == part) {
        settings.add(setting);
      }
    }
    return settings;
  }

  /**
   * The setting of this name.
   *
   * @param settingName the name as in the configuration, e.g. {@code dedupeWindow}
   * @return the setting, or null when there is none of that name
   */
  public static Setting named(String settingName) {
    for (Setting setting : values()) {
      if (setting.settingName.equals(settingName)) {
        return setting;
      }
    }
    return null;
  }

  void parse(Parsing target, String text, List<String> problems) {
    parser.parse(target, text, problems);
  }

  /** The value of a process-wide setting in {@code settings}; null for an appender's own. */
  Object valueIn(BridgeSettings settings) {
    return value == null ? null : value.apply(settings);
  }

  /** The value as a status line shows it: DSN keys masked, durations in ms or s. */
  String describe(Object settingValue) {
    if (settingValue == null) {
      return "none";
    }
    if (this == DSN) {
      return Dsns.mask((String) settingValue);
    }
    if (settingValue instanceof Duration) {
      long millis = ((Duration) settingValue).toMillis();
      return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
    return String.valueOf(settingValue);
  }
}
