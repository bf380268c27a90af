package org.sentrybridge.event;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of one log event, neutral to the logging framework. Appenders make it on
 * the logging thread, so everything thread-bound (MDC, thread name, markers, timestamp) is copied
 * in; the delivery thread turns it into a Sentry event later.
 */
public final class LogRecord {

  private final LogLevel level;
  private final String loggerName;
  private final String messageTemplate;
  private final String formattedMessage;
  private final List<String> arguments;
  private final Throwable throwable;
  private final String threadName;
  private final long threadId;
  private final Instant timestamp;
  private final Map<String, String> contextData;
  private final List<String> markers;
  private final Map<String, String> keyValues;
  private final List<String> contextStack;

  private LogRecord(Builder b) {
    this.level = b.level;
    this.loggerName = b.loggerName;
    this.messageTemplate = b.messageTemplate;
    this.formattedMessage = b.formattedMessage;
    this.arguments = b.arguments;
    this.throwable = b.throwable;
    this.threadName = b.threadName;
    this.threadId = b.threadId;
    this.timestamp = b.timestamp;
    this.contextData = b.contextData;
    this.markers = b.markers;
    this.keyValues = b.keyValues;
    this.contextStack = b.contextStack;
  }

  public static Builder builder(LogLevel level, String loggerName) {
    return new Builder(level, loggerName);
  }

  public LogLevel level() {
    return level;
  }

  public String loggerName() {
    return loggerName;
  }

  /** The message as written in the code, placeholders left in ({@code "user {} failed"}). */
  public String messageTemplate() {
    return messageTemplate;
  }

  /**
   * The message with its arguments filled in: as the framework formatted it, or (when the appender
   * left that to the delivery thread) filled in from the template the way SLF4J does.
   */
  public String formattedMessage() {
    return formattedMessage != null
        ? formattedMessage
        : MessageTemplates.format(messageTemplate, arguments);
  }

  /** The arguments as text, nulls kept in position. */
  public List<String> arguments() {
    return arguments;
  }

  public Throwable throwable() {
    return throwable;
  }

  public String threadName() {
    return threadName;
  }

  public long threadId() {
    return threadId;
  }

  public Instant timestamp() {
    return timestamp;
  }

  /** MDC (Logback) or ThreadContext map (Log4j2). */
  public Map<String, String> contextData() {
    return contextData;
  }

  public List<String> markers() {
    return markers;
  }

  /** SLF4J 2 key-value pairs, values as text. */
  public Map<String, String> keyValues() {
    return keyValues;
  }

  /** Log4j2's ThreadContext stack (NDC); empty for Logback. */
  public List<String> contextStack() {
    return contextStack;
  }

  /** Builds a {@link LogRecord}. Every part but level and logger is optional. */
  public static final class Builder {
    private final LogLevel level;
    private final String loggerName;
    private String messageTemplate;
    private String formattedMessage;
    private List<String> arguments = Collections.emptyList();
    private Throwable throwable;
    private String threadName;
    private long threadId;
    private Instant timestamp;
    private Map<String, String> contextData = Collections.emptyMap();
    private List<String> markers = Collections.emptyList();
    private Map<String, String> keyValues = Collections.emptyMap();
    private List<String> contextStack = Collections.emptyList();

    private Builder(LogLevel level, String loggerName) {
      this.level = level;
      this.loggerName = loggerName;
    }

    /**
     * The template and, if the framework already made it, the formatted text; null leaves the
     * formatting to the delivery thread ({@code {}} placeholders, SLF4J style).
     */
    public Builder message(String template, String formatted) {
      this.messageTemplate = template;
      this.formattedMessage = formatted;
      return this;
    }

    /** Converts each argument to text now, since a mutable argument may change later. */
    public Builder arguments(Object[] args) {
      this.arguments = MessageTemplates.texts(args);
      return this;
    }

    public Builder throwable(Throwable throwable) {
      this.throwable = throwable;
      return this;
    }

    public Builder thread(String name, long id) {
      this.threadName = name;
      this.threadId = id;
      return this;
    }

    public Builder timestamp(Instant timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    /** The map must not change afterwards; pass a copy if the framework's map is live. */
    public Builder contextData(Map<String, String> contextData) {
      if (contextData != null && !contextData.isEmpty()) {
        this.contextData = Collections.unmodifiableMap(contextData);
      }
      return this;
    }

    public Builder markers(List<String> markers) {
      if (markers != null && !markers.isEmpty()) {
        this.markers = Collections.unmodifiableList(markers);
      }
      return this;
    }

    public Builder keyValue(String key, Object value) {
      if (keyValues.isEmpty()) {
        keyValues = new LinkedHashMap<>();
      }
      keyValues.put(key, MessageTemplates.text(value));
      return this;
    }

    public Builder contextStack(List<String> contextStack) {
      if (contextStack != null && !contextStack.isEmpty()) {
        this.contextStack = Collections.unmodifiableList(contextStack);
      }
      return this;
    }

    public LogRecord build() {
      if (timestamp == null) {
        timestamp = Instant.now();
      }
      if (!keyValues.isEmpty()) {
        keyValues = Collections.unmodifiableMap(keyValues);
      }
      return new LogRecord(this);
    }
  }
}
