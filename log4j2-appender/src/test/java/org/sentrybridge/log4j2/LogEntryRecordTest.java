package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.spi.MutableThreadContextStack;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.junit.jupiter.api.Test;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.LogLevel;
import org.sentrybridge.event.LogRecord;

/**
 * What a line that only becomes a Sentry log entry copies of the ThreadContext: the entries {@code
 * contextTags} selects, nothing without them, never the context stack; an error's record keeps all
 * of it.
 */
class LogEntryRecordTest {

  @Test
  void aLogEntryLineKeepsOnlyTheContextEntriesContextTagsSelectsAndNoStack() {
    CaptureRules rules =
        CaptureRules.builder("log4j2").contextTags(List.of("request.*", "tenant")).build();

    LogRecord record = LogEventConverter.toLogEntryRecord(line(), LogLevel.INFO, null, rules);

    assertThat(record.contextData()).isEqualTo(Map.of("request.id", "r-1", "tenant", "acme"));
    assertThat(record.contextStack()).isEmpty();
  }

  @Test
  void withoutContextTagsALogEntryLineCopiesNoContext() {
    LogRecord record = LogEventConverter.toLogEntryRecord(line(), LogLevel.INFO, null, null);

    assertThat(record.contextData()).isEmpty();
    assertThat(record.contextStack()).isEmpty();
  }

  @Test
  void anErrorsRecordKeepsTheWholeContextAndStack() {
    LogRecord record = LogEventConverter.toRecord(line(), LogLevel.ERROR, null);

    assertThat(record.contextData())
        .isEqualTo(Map.of("request.id", "r-1", "tenant", "acme", "session", "s-1"));
    assertThat(record.contextStack()).containsExactly("outer");
  }

  private static LogEvent line() {
    SortedArrayStringMap contextData = new SortedArrayStringMap();
    contextData.putValue("request.id", "r-1");
    contextData.putValue("tenant", "acme");
    contextData.putValue("session", "s-1");
    return Log4jLogEvent.newBuilder()
        .setLoggerName("com.example.shop.Checkout")
        .setLevel(Level.INFO)
        .setMessage(new ParameterizedMessage("order {} paid", 42))
        .setContextData(contextData)
        .setContextStack(new MutableThreadContextStack(List.of("outer")))
        .build();
  }
}
