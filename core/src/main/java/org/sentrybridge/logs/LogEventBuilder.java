package org.sentrybridge.logs;

import io.sentry.SentryAttributeType;
import io.sentry.SentryLogEvent;
import io.sentry.SentryLogEventAttributeValue;
import io.sentry.SentryLogLevel;
import io.sentry.SentryOptions;
import io.sentry.SpanId;
import io.sentry.protocol.SdkVersion;
import io.sentry.protocol.SentryId;
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
  private String serverName;
  private boolean serverNameKnown;

  LogEventBuilder(SentryOptions options, SentryId fallbackTrace) {
    this.options = options;
    this.fallbackTrace = fallbackTrace;
  }

  SentryLogEvent build(LogEntry entry) {
    LogRecord record = entry.record();
    SentryId trace = entry.traceId() != null ? new SentryId(entry.traceId()) : fallbackTrace;
    SentryLogLevel level = level(record.level());
    String body = record.formattedMessage();
    SentryLogEvent log =
        new SentryLogEvent(trace, seconds(record.timestamp()), body == null ? "" : body, level);
    log.setSeverityNumber(level.getSeverityNumber());
    if (entry.spanId() != null) {
      log.setSpanId(new SpanId(entry.spanId()));
    }
    Map<String, SentryLogEventAttributeValue> attributes = new HashMap<>();
    List<String> arguments = record.arguments();
    if (!arguments.isEmpty() && record.messageTemplate() != null) {
      put(attributes, TEMPLATE, record.messageTemplate());
      Object[] typed = entry.typedArguments();
      for (int i = 0; i < arguments.size(); i++) {
        Object value = typed != null && i < typed.length ? typed[i] : null;
        if (value != null) {
          attributes.put(
              parameter(i),
              new SentryLogEventAttributeValue(SentryAttributeType.inferFrom(value), value));
        } else {
          put(attributes, parameter(i), arguments.get(i));
        }
      }
    }
    if (entry.sendMetadata()) {
      addMetadata(attributes, entry, record);
    }
    log.setAttributes(attributes);
    return log;
  }

  private void addMetadata(
      Map<String, SentryLogEventAttributeValue> attributes, LogEntry entry, LogRecord record) {
    put(attributes, ORIGIN, "auto.log." + entry.rules().mechanismType());
    put(attributes, "logger.name", record.loggerName());
    put(attributes, "thread.name", record.threadName());
    if (record.threadId() > 0) {
      attributes.put(
          "thread.id",
          new SentryLogEventAttributeValue(INTEGER_TYPE, record.threadId()));
    }
    for (Map.Entry<String, String> mdc : record.contextData().entrySet()) {
      if (entry.rules().isContextTag(mdc.getKey()) && !TraceIds.isKey(mdc.getKey())) {
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
    SdkVersion sdk = options.getSdkVersion();
    if (sdk != null) {
      put(attributes, "sentry.sdk.name", sdk.getName());
      put(attributes, "sentry.sdk.version", sdk.getVersion());
    }
    put(attributes, "sentry.environment", options.getEnvironment());
    put(attributes, "sentry.release", options.getRelease());
    put(attributes, "server.address", serverName());
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

  /** Rough serialized size of an entry, to keep an envelope well under Sentry's limits. */
  static int estimatedBytes(SentryLogEvent log) {
    int bytes = 200 + length(log.getBody());
    Map<String, SentryLogEventAttributeValue> attributes = log.getAttributes();
    if (attributes != null) {
      for (Map.Entry<String, SentryLogEventAttributeValue> attribute : attributes.entrySet()) {
        Object value = attribute.getValue().getValue();
        bytes += 40 + attribute.getKey().length() + (value == null ? 0 : length(value.toString()));
      }
    }
    return bytes;
  }

  private static int length(String text) {
    return text == null ? 0 : text.length();
  }
}
