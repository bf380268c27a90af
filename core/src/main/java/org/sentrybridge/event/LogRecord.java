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
  /** {@link MessageTemplates#settled} arguments, in an array of this record's own; null for none. */
  private final Object[] arguments;
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

  /**
   * Starts a record.
   *
   * @param level the log event's level
   * @param loggerName the log event's logger
   * @return a builder
   */
  public static Builder builder(LogLevel level, String loggerName) {
    return new Builder(level, loggerName);
  }

  /**
   * The log event's level.
   *
   * @return the level
   */
  public LogLevel level() {
    return level;
  }

  /**
   * The log event's logger.
   *
   * @return the logger name
   */
  public String loggerName() {
    return loggerName;
  }

  /**
   * The message as written in the code, placeholders left in ({@code "user {} failed"}).
   *
   * @return the template, or null
   */
  public String messageTemplate() {
    return messageTemplate;
  }

  /**
   * The message with its arguments filled in: as the framework formatted it, or (when the appender
   * left that to the delivery thread) filled in from the template the way SLF4J does.
   *
   * @return the formatted message, or null when there is none
   */
  public String formattedMessage() {
    return formattedMessage != null
        ? formattedMessage
        : MessageTemplates.format(messageTemplate, arguments);
  }

  /** The text a breadcrumb keeps: the framework's formatted message, else the template. */
  String template() {
    return formattedMessage != null ? formattedMessage : messageTemplate;
  }

  /** The record's own arguments, already settled; null for none or when already formatted. */
  Object[] settledArguments() {
    return formattedMessage != null ? null : arguments;
  }

  /**
   * The arguments as text, nulls kept in position, made when asked (on the delivery thread).
   *
   * @return the arguments; empty for none
   */
  public List<String> arguments() {
    return MessageTemplates.texts(arguments);
  }

  /**
   * One argument as the record keeps it: the argument itself when its text cannot change (null,
   * strings, boxed primitives, UUIDs; {@link MessageTemplates#settled}), else its text, made when
   * the record was. Lets the delivery side keep a number's type without a copy made on the logging
   * thread.
   *
   * @param index the argument's position, below {@link #argumentCount()}
   * @return the argument or its text
   */
  public Object argument(int index) {
    return arguments[index];
  }

  /**
   * How many arguments the message has, without turning them into text.
   *
   * @return the size of {@link #arguments()}
   */
  public int argumentCount() {
    return arguments == null ? 0 : arguments.length;
  }

  /**
   * The logged exception.
   *
   * @return the throwable, or null
   */
  public Throwable throwable() {
    return throwable;
  }

  /**
   * The logging thread's name, even behind an asynchronous appender.
   *
   * @return the thread name
   */
  public String threadName() {
    return threadName;
  }

  /**
   * The logging thread's id.
   *
   * @return the thread id
   */
  public long threadId() {
    return threadId;
  }

  /**
   * When the log event happened.
   *
   * @return the log event's own time
   */
  public Instant timestamp() {
    return timestamp;
  }

  /**
   * MDC (Logback) or ThreadContext map (Log4j2).
   *
   * @return the entries; empty for none
   */
  public Map<String, String> contextData() {
    return contextData;
  }

  /**
   * The log event's markers as text (Logback: with their references).
   *
   * @return the markers; empty for none
   */
  public List<String> markers() {
    return markers;
  }

  /**
   * SLF4J 2 key-value pairs, values as text.
   *
   * @return the pairs in logged order; empty for none
   */
  public Map<String, String> keyValues() {
    return keyValues;
  }

  /**
   * Log4j2's ThreadContext stack (NDC); empty for Logback.
   *
   * @return the stack's entries; empty for none
   */
  public List<String> contextStack() {
    return contextStack;
  }

  /** Builds a {@link LogRecord}. Every part but level and logger is optional. */
  public static final class Builder {
    private final LogLevel level;
    private final String loggerName;
    private String messageTemplate;
    private String formattedMessage;
    private Object[] arguments;
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
     *
     * @param template the message as written
     * @param formatted the formatted message; null to format it later
     * @return this builder
     */
    public Builder message(String template, String formatted) {
      this.messageTemplate = template;
      this.formattedMessage = formatted;
      return this;
    }

    /**
     * Takes the arguments as they are now: those whose text cannot change (strings, boxed
     * primitives) as they are, in a copy of the array; else each argument as text, now, since a
     * mutable argument may change later.
     *
     * @param args the log call's arguments; null for none
     * @return this builder
     */
    public Builder arguments(Object[] args) {
      Object[] settled = MessageTemplates.settled(args);
      this.arguments = settled == args && args != null ? args.clone() : settled;
      return this;
    }

    /**
     * {@link #arguments(Object[])} for an array that is already the record's own: one the logging
     * framework made for this log event alone, or a copy, which nobody changes afterwards. It is
     * kept without a further copy.
     *
     * @param args the log call's arguments, in an array nobody changes afterwards; null for none
     * @return this builder
     */
    public Builder ownedArguments(Object[] args) {
      this.arguments = MessageTemplates.settled(args);
      return this;
    }

    /**
     * The logged exception.
     *
     * @param throwable the throwable; null for none
     * @return this builder
     */
    public Builder throwable(Throwable throwable) {
      this.throwable = throwable;
      return this;
    }

    /**
     * The logging thread.
     *
     * @param name its name
     * @param id its id
     * @return this builder
     */
    public Builder thread(String name, long id) {
      this.threadName = name;
      this.threadId = id;
      return this;
    }

    /**
     * When the log event happened; unset means when the record is built.
     *
     * @param timestamp the log event's time
     * @return this builder
     */
    public Builder timestamp(Instant timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    /**
     * The map must not change afterwards; pass a copy if the framework's map is live.
     *
     * @param contextData MDC or ThreadContext entries; null for none
     * @return this builder
     */
    public Builder contextData(Map<String, String> contextData) {
      if (contextData != null && !contextData.isEmpty()) {
        this.contextData = Collections.unmodifiableMap(contextData);
      }
      return this;
    }

    /**
     * The log event's markers as text.
     *
     * @param markers the markers; null for none
     * @return this builder
     */
    public Builder markers(List<String> markers) {
      if (markers != null && !markers.isEmpty()) {
        this.markers = Collections.unmodifiableList(markers);
      }
      return this;
    }

    /**
     * Adds an SLF4J 2 key-value pair; the value becomes text now.
     *
     * @param key the key
     * @param value the value; may be null
     * @return this builder
     */
    public Builder keyValue(String key, Object value) {
      if (keyValues.isEmpty()) {
        keyValues = new LinkedHashMap<>();
      }
      keyValues.put(key, MessageTemplates.text(value));
      return this;
    }

    /**
     * Log4j2's ThreadContext stack.
     *
     * @param contextStack the stack's entries; null for none
     * @return this builder
     */
    public Builder contextStack(List<String> contextStack) {
      if (contextStack != null && !contextStack.isEmpty()) {
        this.contextStack = Collections.unmodifiableList(contextStack);
      }
      return this;
    }

    /**
     * The record.
     *
     * @return an immutable record
     */
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
