package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.LogLevel;
import org.sentrybridge.event.LogRecord;

/**
 * What a line that only becomes a Sentry log entry copies of the MDC: the entries {@code
 * contextTags} selects, nothing without them; an error's record keeps the whole MDC.
 */
class LogEntryRecordTest {

  private final Logger logger = new LoggerContext().getLogger("com.example.shop.Checkout");

  @Test
  void aLogEntryLineKeepsOnlyTheMdcEntriesContextTagsSelects() {
    CaptureRules rules =
        CaptureRules.builder("logback").contextTags(List.of("request.*", "tenant")).build();

    LogRecord record = LogbackEvents.toLogEntryRecord(line(), LogLevel.INFO, null, rules);

    assertThat(record.contextData()).isEqualTo(Map.of("request.id", "r-1", "tenant", "acme"));
  }

  @Test
  void withoutContextTagsALogEntryLineCopiesNoMdc() {
    LogRecord record = LogbackEvents.toLogEntryRecord(line(), LogLevel.INFO, null, null);

    assertThat(record.contextData()).isEmpty();
  }

  @Test
  void anErrorsRecordKeepsTheWholeMdc() {
    LogRecord record = LogbackEvents.toRecord(line(), LogLevel.ERROR, null, true);

    assertThat(record.contextData())
        .isEqualTo(Map.of("request.id", "r-1", "tenant", "acme", "session", "s-1"));
  }

  private LoggingEvent line() {
    LoggingEvent event =
        new LoggingEvent(
            Logger.class.getName(), logger, Level.INFO, "order {} paid", null, new Object[] {42});
    event.setMDCPropertyMap(Map.of("request.id", "r-1", "tenant", "acme", "session", "s-1"));
    return event;
  }
}
