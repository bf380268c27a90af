package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.testing.SentryLogs;

/**
 * Sentry Logs behind an {@code <Async>} appender and an {@code <AsyncLogger>}: with this module on
 * the class path an entry carries the logging thread's trace, name and id.
 */
class AsyncSentryLogsTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path buffer;
  private LoggingFixture logging;

  @AfterEach
  void stop() {
    if (logging != null) {
      logging.close();
    }
  }

  @Test
  void behindAnAsyncAppenderAnEntryCarriesTheLoggingThreadsNameAndTrace() {
    assertTracedBehindAsync("via.async.appender");
  }

  @Test
  void behindAnAsyncLoggerAnEntryCarriesTheLoggingThreadsNameAndTrace() {
    assertTracedBehindAsync("via.async.logger");
  }

  private void assertTracedBehindAsync(String loggerName) {
    logging = LoggingFixture.start("log4j2-test-logs.xml", buffer);
    Logger log = logging.context.getLogger(loggerName);

    Map<String, Object> attributes =
        SentryLogs.behindAsyncAnEntryCarriesTheLoggingThreadsNameAndTrace(
            logging.receiver, WAIT, log::info, true);
    assertThat(attributes).containsEntry("logger.name", loggerName);
  }
}
