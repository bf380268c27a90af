package org.sentrybridge.event;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one appender sends and how: which log events become Sentry events, which become
 * breadcrumbs, which MDC keys become tags or the user. The same names and defaults in {@code
 * logback.xml} and {@code log4j2.xml}, parsed from text by {@code config.SettingsText}. An
 * immutable value (equal rules select and shape events the same way); the builder collects
 * problems.
 */
public final class CaptureRules {

  /** Default of {@code minimumEventLevel}. */
  public static final LogLevel DEFAULT_MINIMUM_EVENT_LEVEL = LogLevel.ERROR;
  /** Default of {@code minimumBreadcrumbLevel}. */
  public static final LogLevel DEFAULT_MINIMUM_BREADCRUMB_LEVEL = LogLevel.INFO;
  /** Default of {@code minimumLevel}, as in the official appenders. */
  public static final LogLevel DEFAULT_MINIMUM_LEVEL = LogLevel.INFO;
  /** Default of {@code maxBreadcrumbs}. */
  public static final int DEFAULT_MAX_BREADCRUMBS = 100;
  /** The most log-line breadcrumbs kept per scope: a higher {@code maxBreadcrumbs} keeps these. */
  public static final int MAX_BREADCRUMBS = 1000;

  /** The user fields an MDC key can fill. */
  public static final List<String> USER_FIELDS = List.of("id", "email", "ipAddress", "username");

  private final LogLevel minimumEventLevel;
  private final boolean requireThrowable;
  private final LogLevel minimumBreadcrumbLevel;
  private final LogLevel minimumLevel;
  private final List<String> contextTags;
  private final List<Pattern> contextTagPatterns;
  private final Map<String, String> userMdcKeys;
  private final Set<String> ignoredExceptions;
  private final List<String> ignoredLoggers;
  private final int maxBreadcrumbs;
  private final String mechanismType;
  private final List<String> problems;

  private CaptureRules(Builder b) {
    this.minimumEventLevel = b.minimumEventLevel;
    this.requireThrowable = b.requireThrowable;
    this.minimumBreadcrumbLevel = b.minimumBreadcrumbLevel;
    this.minimumLevel = b.minimumLevel;
    this.contextTags = List.copyOf(b.contextTags);
    List<Pattern> patterns = new ArrayList<>();
    for (String glob : contextTags) {
      patterns.add(globToPattern(glob));
    }
    this.contextTagPatterns = List.copyOf(patterns);
    this.userMdcKeys = Collections.unmodifiableMap(new LinkedHashMap<>(b.userMdcKeys));
    this.ignoredExceptions = Set.copyOf(b.ignoredExceptions);
    this.ignoredLoggers = List.copyOf(b.ignoredLoggers);
    this.maxBreadcrumbs = b.maxBreadcrumbs;
    this.mechanismType = b.mechanismType;
    this.problems = List.copyOf(b.problems);
  }

  /**
   * Starts rules with every default.
   *
   * @param mechanismType the exception mechanism type events carry ({@code logback}, {@code
   *     log4j2})
   * @return a builder
   */
  public static Builder builder(String mechanismType) {
    return new Builder(mechanismType);
  }

  /**
   * True when this log event becomes a Sentry event. Cheap: runs on the logging thread.
   *
   * @param level the log event's level
   * @param loggerName the log event's logger
   * @param throwable the log event's throwable; null for none
   * @return true when it becomes a Sentry event
   */
  public boolean isEvent(LogLevel level, String loggerName, Throwable throwable) {
    if (minimumEventLevel == null || !level.isAtLeast(minimumEventLevel)) {
      return false;
    }
    if (requireThrowable && throwable == null) {
      return false;
    }
    return !isIgnoredLogger(loggerName) && !isIgnoredException(throwable);
  }

  /**
   * True when this log event (not an event itself) becomes a breadcrumb.
   *
   * @param level the log event's level
   * @param loggerName the log event's logger
   * @return true when it becomes a breadcrumb
   */
  public boolean isBreadcrumb(LogLevel level, String loggerName) {
    return minimumBreadcrumbLevel != null
        && maxBreadcrumbs > 0
        && level.isAtLeast(minimumBreadcrumbLevel)
        && !isIgnoredLogger(loggerName);
  }

  /**
   * True when this log event becomes a Sentry log entry (when Sentry Logs are on), whether or not
   * it is also an event. Cheap: runs on the logging thread.
   *
   * @param level the log event's level
   * @param loggerName the log event's logger
   * @return true when it is at or above {@code minimumLevel} and its logger is not ignored
   */
  public boolean isLog(LogLevel level, String loggerName) {
    return minimumLevel != null && level.isAtLeast(minimumLevel) && !isIgnoredLogger(loggerName);
  }

  private boolean isIgnoredLogger(String loggerName) {
    if (loggerName == null || ignoredLoggers.isEmpty()) {
      return false;
    }
    for (String prefix : ignoredLoggers) {
      if (loggerName.equals(prefix)
          || (loggerName.startsWith(prefix)
              && (prefix.endsWith(".") || loggerName.charAt(prefix.length()) == '.'))) {
        return true;
      }
    }
    return false;
  }

  /**
   * An exception is ignored when its class or any superclass is named in ignoredExceptions.
   *
   * @param throwable the logged exception; null gives false
   * @return true when it is never sent
   */
  public boolean isIgnoredException(Throwable throwable) {
    if (throwable == null || ignoredExceptions.isEmpty()) {
      return false;
    }
    if (throwable instanceof DescribedThrowable) {
      return ignoredExceptions.contains(((DescribedThrowable) throwable).className());
    }
    for (Class<?> type = throwable.getClass(); type != null; type = type.getSuperclass()) {
      if (ignoredExceptions.contains(type.getName())) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when this MDC key is promoted to a Sentry tag.
   *
   * @param key an MDC or ThreadContext key
   * @return true when it matches {@code contextTags}
   */
  public boolean isContextTag(String key) {
    for (Pattern pattern : contextTagPatterns) {
      if (pattern.matcher(key).matches()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Lowest level that becomes a Sentry event. Default ERROR.
   *
   * @return the level, or null for OFF
   */
  public LogLevel minimumEventLevel() {
    return minimumEventLevel;
  }

  /**
   * Whether only log events with a throwable become events. Default true.
   *
   * @return the setting
   */
  public boolean requireThrowable() {
    return requireThrowable;
  }

  /**
   * Lowest level kept as a breadcrumb. Default INFO.
   *
   * @return the level, or null for OFF
   */
  public LogLevel minimumBreadcrumbLevel() {
    return minimumBreadcrumbLevel;
  }

  /**
   * Lowest level sent as a Sentry log entry when Sentry Logs are on (the SDK option {@code
   * logs.enabled}). Default INFO, as in the official appenders.
   *
   * @return the level, or null for OFF
   */
  public LogLevel minimumLevel() {
    return minimumLevel;
  }

  /**
   * MDC keys or globs promoted to tags. Default none.
   *
   * @return the keys and globs
   */
  public List<String> contextTags() {
    return contextTags;
  }

  /**
   * User field ({@code id, email, ipAddress, username}) to the MDC key that fills it.
   *
   * @return the mapping; empty by default
   */
  public Map<String, String> userMdcKeys() {
    return userMdcKeys;
  }

  /**
   * Exception class names never sent, subclasses included. Default none.
   *
   * @return the class names
   */
  public Set<String> ignoredExceptions() {
    return ignoredExceptions;
  }

  /**
   * Loggers never sent, with the loggers below them. Default none.
   *
   * @return the prefixes
   */
  public List<String> ignoredLoggers() {
    return ignoredLoggers;
  }

  /**
   * Breadcrumbs kept per Sentry scope (per appender with scope capture off), at most {@link
   * #MAX_BREADCRUMBS}. Default 100.
   *
   * @return the number
   */
  public int maxBreadcrumbs() {
    return maxBreadcrumbs;
  }

  /**
   * The exception mechanism type events carry, e.g. {@code logback} or {@code log4j2}.
   *
   * @return the mechanism type
   */
  public String mechanismType() {
    return mechanismType;
  }

  /**
   * Every problem found in these rules, each naming its setting.
   *
   * @return the problems; empty when valid
   */
  public List<String> problems() {
    return problems;
  }

  /**
   * Equal rules select and shape events the same way.
   *
   * @param o the other rules
   * @return true when every rule and problem is the same
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof CaptureRules other
        && minimumEventLevel == other.minimumEventLevel
        && requireThrowable == other.requireThrowable
        && minimumBreadcrumbLevel == other.minimumBreadcrumbLevel
        && minimumLevel == other.minimumLevel
        && maxBreadcrumbs == other.maxBreadcrumbs
        && contextTags.equals(other.contextTags)
        && userMdcKeys.equals(other.userMdcKeys)
        && ignoredExceptions.equals(other.ignoredExceptions)
        && ignoredLoggers.equals(other.ignoredLoggers)
        && Objects.equals(mechanismType, other.mechanismType)
        && problems.equals(other.problems);
  }

  /**
   * Consistent with {@link #equals}.
   *
   * @return a hash of every rule
   */
  @Override
  public int hashCode() {
    return Objects.hash(
        minimumEventLevel, requireThrowable, minimumBreadcrumbLevel, minimumLevel, maxBreadcrumbs,
        contextTags, userMdcKeys, ignoredExceptions, ignoredLoggers, mechanismType, problems);
  }

  @Override
  public String toString() {
    return "CaptureRules{minimumEventLevel=" + minimumEventLevel + ", requireThrowable="
        + requireThrowable + ", minimumBreadcrumbLevel=" + minimumBreadcrumbLevel
        + ", minimumLevel=" + minimumLevel + ", maxBreadcrumbs=" + maxBreadcrumbs + ", contextTags=" + contextTags + ", userMdcKeys="
        + userMdcKeys + ", ignoredExceptions=" + ignoredExceptions + ", ignoredLoggers="
        + ignoredLoggers + ", mechanismType=" + mechanismType + "}";
  }

  static Pattern globToPattern(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }

  /** Builds {@link CaptureRules}, collecting problems instead of throwing. */
  public static final class Builder {
    private final String mechanismType;
    private LogLevel minimumEventLevel = DEFAULT_MINIMUM_EVENT_LEVEL;
    private boolean requireThrowable = true;
    private LogLevel minimumBreadcrumbLevel = DEFAULT_MINIMUM_BREADCRUMB_LEVEL;
    private LogLevel minimumLevel = DEFAULT_MINIMUM_LEVEL;
    private final Set<String> contextTags = new LinkedHashSet<>();
    private final Map<String, String> userMdcKeys = new LinkedHashMap<>();
    private final Set<String> ignoredExceptions = new LinkedHashSet<>();
    private final List<String> ignoredLoggers = new ArrayList<>();
    private int maxBreadcrumbs = DEFAULT_MAX_BREADCRUMBS;
    private final List<String> problems = new ArrayList<>();

    private Builder(String mechanismType) {
      this.mechanismType = mechanismType;
    }

    /**
     * Null means no log event becomes a Sentry event (OFF).
     *
     * @param level the level; null for OFF
     * @return this builder
     */
    public Builder minimumEventLevel(LogLevel level) {
      this.minimumEventLevel = level;
      return this;
    }

    /**
     * See {@link CaptureRules#requireThrowable()}.
     *
     * @param requireThrowable false: message-only errors become events too
     * @return this builder
     */
    public Builder requireThrowable(boolean requireThrowable) {
      this.requireThrowable = requireThrowable;
      return this;
    }

    /**
     * Null means no breadcrumbs (OFF).
     *
     * @param level the level; null for OFF
     * @return this builder
     */
    public Builder minimumBreadcrumbLevel(LogLevel level) {
      this.minimumBreadcrumbLevel = level;
      return this;
    }

    /**
     * Null means no Sentry log entries (OFF).
     *
     * @param level the level; null for OFF
     * @return this builder
     */
    public Builder minimumLevel(LogLevel level) {
      this.minimumLevel = level;
      return this;
    }

    /**
     * MDC keys or globs ({@code request.*}) promoted to tags; adds to those given before.
     *
     * @param keys the keys and globs
     * @return this builder
     */
    public Builder contextTags(Collection<String> keys) {
      contextTags.addAll(keys);
      return this;
    }

    /**
     * Maps one user field to an MDC key.
     *
     * @param field one of {@link CaptureRules#USER_FIELDS}: {@code id}, {@code email}, {@code ipAddress} or
     *     {@code username}
     * @param mdcKey the MDC key that fills it
     * @return this builder
     */
    public Builder userMdcKey(String field, String mdcKey) {
      if (USER_FIELDS.contains(field)) {
        userMdcKeys.put(field, mdcKey);
      } else {
        problems.add("userMdcKeys: '" + field + "' is not a user field (" + USER_FIELDS + ")");
      }
      return this;
    }

    /**
     * Fully qualified exception class names never sent (subclasses included); adds to those given
     * before.
     *
     * @param classNames the class names
     * @return this builder
     */
    public Builder ignoredExceptions(Collection<String> classNames) {
      ignoredExceptions.addAll(classNames);
      return this;
    }

    /**
     * Loggers never sent, with the loggers below them ({@code com.example.noisy}); adds to those
     * given before.
     *
     * @param prefixes the prefixes
     * @return this builder
     */
    public Builder ignoredLoggers(Collection<String> prefixes) {
      ignoredLoggers.addAll(prefixes);
      return this;
    }

    /**
     * See {@link CaptureRules#maxBreadcrumbs()}; more than {@link CaptureRules#MAX_BREADCRUMBS}
     * keep that many, as the setting does.
     *
     * @param maxBreadcrumbs not negative
     * @return this builder
     */
    public Builder maxBreadcrumbs(int maxBreadcrumbs) {
      if (maxBreadcrumbs < 0) {
        problems.add("maxBreadcrumbs: " + maxBreadcrumbs + " must not be negative");
      } else {
        this.maxBreadcrumbs = Math.min(MAX_BREADCRUMBS, maxBreadcrumbs);
      }
      return this;
    }

    /**
     * Records a problem found by an adapter, so that all problems are reported together.
     *
     * @param problem the message, naming the setting
     * @return this builder
     */
    public Builder problem(String problem) {
      problems.add(problem);
      return this;
    }

    /**
     * The rules, with every problem found so far.
     *
     * @return the rules; check {@link CaptureRules#problems()}
     */
    public CaptureRules build() {
      return new CaptureRules(this);
    }
  }
}
