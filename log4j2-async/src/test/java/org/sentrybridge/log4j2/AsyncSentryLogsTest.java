package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.testing.SentryLogs.assertLinkedTo;
import static org.sentrybridge.testing.SentryLogs.attributes;
import static org.sentrybridge.testing.SentryLogs.flushUntilLogged;

import io.sentry.ITransaction;
import io.sentry.SentryLogEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.testing.Requests;

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
    AtomicReference<ITransaction> transaction = new AtomicReference<>();
    AtomicLong threadId = new AtomicLong();

    Requests.onNewThread(
        "worker-2",
        () -> {
          threadId.set(Thread.currentThread().getId());
          ITransaction tx = Requests.startTransaction("GET /orders", "http.server");
          transaction.set(tx);
          log.info("listing {} orders", 3);
          tx.finish();
        });
    SentryLogEvent entry =
        flushUntilLogged(logging.receiver, WAIT, l -> "listing 3 orders".equals(l.getBody()));
    assertLinkedTo(entry, transaction.get());
    Map<String, Object> attributes = attributes(entry);
    assertThat(attributes)
        .containsEntry("thread.name", "worker-2")
        .containsEntry("logger.name", loggerName)
        .containsEntry("sentry.message.template", "listing {} orders")
        .doesNotContainKey("mdc.sentry_trace_id");
    assertThat(((Number) attributes.get("thread.id")).longValue()).isEqualTo(threadId.get());
  }
}
