package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.log4j2.LoggingFixture.WAIT;

import io.sentry.ITransaction;
import io.sentry.SentryEvent;
import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.testing.Requests;

/**
 * Behind an asynchronous hand-off without the {@code sentry-bridge-log4j2-async} jar (this module's
 * class path does not have it): Log4j2 knows no provider of ours, so the logging threads pay
 * nothing for it; the appender says once what to add, and errors still carry what the log event
 * carries.
 */
class AsyncWithoutTraceIdsTest {

  @TempDir Path buffer;
  private LoggingFixture logging;

  @BeforeEach
  void start() {
    logging = LoggingFixture.start("log4j2-test-async.xml", buffer);
  }

  @AfterEach
  void stop() {
    logging.close();
  }

  @Test
  void theProviderIsNotRegisteredByTheAppenderJar() {
    assertThat(SentryTraceContextData.isRegistered()).isFalse();
  }

  @Test
  void theAppenderSaysOnceWhichJarCarriesTheTraceIds() {
    assertThat(logging.status.messages(Level.WARN))
        .filteredOn(m -> m.contains(SentryTraceContextData.ARTIFACT))
        .hasSize(1)
        .allSatisfy(m -> assertThat(m).contains("SentryBridge appender 'Sentry'", "asynchronous"));
  }

  @Test
  void anErrorStillCarriesTheLogEventsContextButNotTheLoggingThreadsTrace() {
    ThreadContext.put("request.id", "r-without-jar");
    ITransaction transaction = Requests.startTransaction("checkout", "task");
    logging.context.getLogger("via.async.appender").error("failed", new IllegalStateException("x"));
    ThreadContext.clearAll();
    transaction.finish();

    SentryEvent event = logging.receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.getTag("request.id")).isEqualTo("r-without-jar");
    assertThat(event.getThreads().get(0).getName()).isEqualTo(Thread.currentThread().getName());
    assertThat(event.getContexts().getTrace().getTraceId())
        .isNotEqualTo(transaction.getSpanContext().getTraceId());
  }
}
