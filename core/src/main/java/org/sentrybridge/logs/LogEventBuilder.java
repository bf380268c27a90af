package org.sentrybridge.logs;

import io.sentry.SentryAttributeType;
import io.sentry.SentryLogEvent;
import io.sentry.SentryLogEventAttributeValue;
import io.sentry.SentryLogLevel;
import io.sentry.SentryOptions;
import io.sentry.protocol.SdkVersion;
import io.sentry.protocol.SentryId;
import io.sentry.protocol.User;
import java.net.InetAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sentrybridge.event.LogLevel;
import org.sentrybridge.event.LogRecord;
import org.sentrybridge.scope.TraceIds;

/**
 * Turns a {@link LogEntry} into the SDK's {@link SentryLogEvent}, on the logs sender thread, with
 * the attributes Sentry defines for log entries and those the official appenders send ({@code
 * mdc.<key>} for {@code contextTags}).
 */
final class LogEventBuilder {

  static final String TEMPLATE = "sentry.message.template";
  static final String PARAMETER = "sentry.message.parameter.";
  static final String ORIGIN = "sentry.origin";
  // the SDK's enum constructor lower-cases the type name for every attribute: named once here
  private static final String STRING_TYPE = SentryAttributeType.STRING.apiName();
  private static final String INTEGER_TYPE = SentryAttributeType.INTEGER.apiName();
  private static final String[] PARAMETERS = new String[10];

  static {
    for (int i = 0; i < PARAMETERS.length; i++) {
      PARAMETERS[i] = PARAMETER + i;
    }
  }

  private final SentryOptions options;
  /** Trace id for entries whose logging thread's trace is unknown. */
  private final SentryId fallbackTrace;
  /**
   * The attributes every entry with metadata carries, the same for all (SDK, environment,
   * release, server), made once. Entries share the values: the SDK's attribute values have no
   * setters (but for unknown JSON fields), and sharing saves a sixth of what an entry allocates.
   */
  private Map<String, SentryLogEventAttributeValue> constants;
  private String originOf;
  private SentryLogEventAttributeValue origin;
  private String serverName;
  private boolean serverNameKnown;
  /**
   * The values of attributes that repeat from line to line (lines of one logger, thread and call
   * site come in runs): made once per run instead of once per entry, shared as {@link #constants}.
   */
  private final LastText lastTemplate = new LastText();
  private final LastText lastLogger = new LastText();
  private final LastText lastThread = new LastText();
  private long lastThreadId;
  private SentryLogEventAttributeValue lastThreadIdValue;

  LogEventBuilder(SentryOptions options, SentryId fallbackTrace) {
    this.options = options;
    this.fallbackTrace = fallbackTrace;
  }

  SentryLogEvent build(LogEntry entry) {
    LogRecord record = entry.record();
    SentryLogLevel level = level(record.level());
    String body = record.formattedMessage();
    SentryLogEvent log =
        new SentryLogEvent(
            entry.traceId() == null ? fallbackTrace : entry.traceId(),
            seconds(record.timestamp()),
            body == null ? "" : body,
            level);
    log.setSeverityNumber(level.getSeverityNumber());
    if (entry.spanId() != null) {
      log.setSpanId(entry.spanId());
    }
    int count = record.messageTemplate() == null ? 0 : record.argumentCount();
    Map<String, SentryLogEventAttributeValue> attributes =
        new HashMap<>(capacityFor(count + (entry.source().sendMetadata() ? 15 : 1)));
    if (count > 0) {
      attributes.put(TEMPLATE, lastTemplate.value(record.messageTemplate()));
      Object[] typed = entry.typedArguments();
      List<String> texts = null; // made only for arguments that are not typed
      for (int i = 0; i < count; i++) {
        Object value = typed != null && i < typed.length ? typed[i] : null;
        if (value == null) {
          Object kept = record.argument(i);
          value = LogEntry.isTyped(kept) ? kept : null;
        }
        if (value != null) {
          attributes.put(
              parameter(i),
              new SentryLogEventAttributeValue(SentryAttributeType.inferFrom(value), value));
        } else {
          if (texts == null) {
            texts = record.arguments();
          }
          put(attributes, parameter(i), texts.get(i));
        }
      }
    }
    if (entry.source().sendMetadata()) {
      addMetadata(attributes, entry, record);
    }
    log.setAttributes(attributes);
    return log;
  }

  /** A HashMap capacity that holds {@code entries} without growing. */
  private static int capacityFor(int entries) {
    return entries + entries / 3 + 1;
  }

  private void addMetadata(
      Map<String, SentryLogEventAttributeValue> attributes, LogEntry entry, LogRecord record) {
    attributes.put(ORIGIN, origin(entry.source().rules().mechanismType()));
    putValue(attributes, "logger.name", lastLogger.value(record.loggerName()));
    putValue(attributes, "thread.name", lastThread.value(record.threadName()));
    if (record.threadId() > 0) {
      if (lastThreadIdValue == null || lastThreadId != record.threadId()) {
        lastThreadIdValue = new SentryLogEventAttributeValue(INTEGER_TYPE, record.threadId());
        lastThreadId = record.threadId();
      }
      attributes.put("thread.id", lastThreadIdValue);
    }
    for (Map.Entry<String, String> mdc : record.contextData().entrySet()) {
      if (entry.source().rules().isContextTag(mdc.getKey()) && !TraceIds.isKey(mdc.getKey())) {
        put(attributes, "mdc." + mdc.getKey(), mdc.getValue());
      }
    }
    for (Map.Entry<String, String> pair : record.keyValues().entrySet()) {
      if (!attributes.containsKey(pair.getKey())) {
        put(attributes, pair.getKey(), pair.getValue());
      }
    }
    List<String> markers = record.markers();
    if (!markers.isEmpty()) {
      put(attributes, "marker", markers.get(0));
      if (markers.size() > 1) {
        put(attributes, "markers", String.join(", ", markers));
      }
    }
    User user = entry.user();
    if (user != null) {
      // what the SDK's log API sends of the scope's user, whatever sendDefaultPii
      put(attributes, "user.id", user.getId());
      put(attributes, "user.name", user.getUsername());
      put(attributes, "user.email", user.getEmail());
    } else {
      put(attributes, "user.id", options.getDistinctId()); // the SDK's stand-in without a user
    }
    attributes.putAll(constants());
  }

  private SentryLogEventAttributeValue origin(String mechanismType) {
    if (!mechanismType.equals(originOf)) {
      origin = new SentryLogEventAttributeValue(STRING_TYPE, "auto.log." + mechanismType);
      originOf = mechanismType;
    }
    return origin;
  }

  private Map<String, SentryLogEventAttributeValue> constants() {
    if (constants == null) {
      Map<String, SentryLogEventAttributeValue> values = new HashMap<>();
      SdkVersion sdk = options.getSdkVersion();
      if (sdk != null) {
        put(values, "sentry.sdk.name", sdk.getName());
        put(values, "sentry.sdk.version", sdk.getVersion());
      }
      put(values, "sentry.environment", options.getEnvironment());
      put(values, "sentry.release", options.getRelease());
      put(values, "server.address", serverName());
      constants = values;
    }
    return constants;
  }

  /** The SDK's server name, else (with {@code attachServerName}) this host's name, read once. */
  private String serverName() {
    if (!serverNameKnown) {
      serverNameKnown = true;
      serverName = options.getServerName();
      if (serverName == null && options.isAttachServerName()) {
        try {
          serverName = InetAddress.getLocalHost().getHostName();
        } catch (Exception | LinkageError e) {
          serverName = null; // no name to give
        }
      }
    }
    return serverName;
  }

  private static void putValue(
      Map<String, SentryLogEventAttributeValue> attributes,
      String name,
      SentryLogEventAttributeValue value) {
    if (value != null) {
      attributes.put(name, value);
    }
  }

  /** A string attribute's value for the last text seen; null text, null value. */
  private static final class LastText {
    private String text;
    private SentryLogEventAttributeValue value;

    SentryLogEventAttributeValue value(String next) {
      if (next == null) {
        return null;
      }
      // the same instance in a run of lines; equal text from elsewhere is reused too
      if (next != text && !next.equals(text)) {
        value = new SentryLogEventAttributeValue(STRING_TYPE, next);
        text = next;
      }
      return value;
    }
  }

  private static void put(
      Map<String, SentryLogEventAttributeValue> attributes, String name, String value) {
    if (value != null) {
      attributes.put(name, new SentryLogEventAttributeValue(STRING_TYPE, value));
    }
  }

  private static String parameter(int index) {
    return index < PARAMETERS.length ? PARAMETERS[index] : PARAMETER + index;
  }

  private static Double seconds(Instant timestamp) {
    Instant at = timestamp != null ? timestamp : Instant.now();
    return at.getEpochSecond() + at.getNano() / 1_000_000_000.0;
  }

  static SentryLogLevel level(LogLevel level) {
    switch (level) {
      case TRACE:
        return SentryLogLevel.TRACE;
      case DEBUG:
        return SentryLogLevel.DEBUG;
      case INFO:
        return SentryLogLevel.INFO;
      case WARN:
        return SentryLogLevel.WARN;
      case ERROR:
        return SentryLogLevel.ERROR;
      default:
        return SentryLogLevel.FATAL;
    }
  }

  /**
   * Serialized size of an entry, at or above its JSON bytes: text is counted as UTF-8 with JSON's
   * escapes, so an envelope stays under Sentry's limits whatever script or control characters the
   * lines hold.
   */
  static int estimatedBytes(SentryLogEvent log) {
    int bytes = 200 + jsonBytes(log.getBody());
    Map<String, SentryLogEventAttributeValue> attributes = log.getAttributes();
    if (attributes != null) {
      for (Map.Entry<String, SentryLogEventAttributeValue> attribute : attributes.entrySet()) {
        bytes += 40 + jsonBytes(attribute.getKey()) + valueBytes(attribute.getValue().getValue());
      }
    }
    return bytes;
  }

  /** A primitive number or a boolean is at most 24 characters in JSON: no text made for it. */
  private static int valueBytes(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof String) {
      return jsonBytes((String) value);
    }
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Double
        || value instanceof Float
        || value instanceof Short
        || value instanceof Byte
        || value instanceof Boolean) {
      return 24;
    }
    return jsonBytes(value.toString());
  }

  /**
   * The bytes of {@code text} in a JSON string, an upper bound: a control character or a line or
   * paragraph separator takes 6 (a six-character escape), a quote or backslash 2, others their UTF-8
   * length (a surrogate pair 4).
   */
  static int jsonBytes(String text) {
    if (text == null) {
      return 0;
    }
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += c < 0x20 ? 6 : c == '"' || c == '\\' ? 2 : 1;
      } else if (c < 0x800 || Character.isSurrogate(c)) {
        bytes += 2;
      } else {
        bytes += c == '\u2028' || c == '\u2029' ? 6 : 3;
      }
    }
    return bytes;
  }
}
