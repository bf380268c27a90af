package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.log4j2.EventFieldsTest.mdc;

import io.sentry.Breadcrumb;
import io.sentry.ITransaction;
import io.sentry.SentryEvent;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.testing.Requests;
import org.slf4j.LoggerFactory;

/** Context data, thread and message come from the event, not from the thread that appends. */
class AsyncLoggingTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

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
  void behindAnAsynchronousSetupTheLoggingThreadsLeaveTheirTraceIds() {
    assertThat(new SentryTraceContextData().supplyContextData())
        .containsKeys("sentry_trace_id", "sentry_span_id");
  }

  @Test
  void asyncAppenderKeepsTheLoggingThreadsContext() {
    assertSentFromThisThread("via.async.appender", "r-appender");
  }

  @Test
  void asyncLoggerKeepsTheLoggingThreadsContext() {
    assertSentFromThisThread("via.async.logger", "r-logger");
  }

  @Test
  void slf4jThroughAsyncLoggerKeepsTheMdc() {
    org.slf4j.MDC.put("request.id", "r-slf4j-async");
    org.slf4j.MDC.put("step", "pay");
    LoggerFactory.getLogger("via.async.logger").error("async slf4j {}", 3, new IllegalStateException());
    org.slf4j.MDC.clear();

    SentryEvent event = logging.receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.getTag("request.id")).isEqualTo("r-slf4j-async");
    assertThat(mdc(event)).containsEntry("step", "pay");
    assertThat(event.getMessage().getFormatted()).isEqualTo("async slf4j 3");
    assertThat(event.getThreads().get(0).getName()).isEqualTo(Thread.currentThread().getName());
  }

  static void assertSentFromThisThread(LoggingFixture logging, String loggerName, String requestId) {
    ThreadContext.put("request.id", requestId);
    ThreadContext.put("step", "checkout");
    ThreadContext.push("ndc-" + requestId);
    ITransaction transaction = Requests.startTransaction("checkout " + requestId, "task");
    logging.context.getLogger(loggerName).info("charging {}", requestId);
    logging.context.getLogger(loggerName).error("failed {}", requestId, new IllegalStateException("x"));
    // the appending thread must not see this thread's context, so wipe it at once
    ThreadContext.clearAll();
    transaction.finish();

    SentryEvent event = logging.receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.getTag("request.id")).isEqualTo(requestId);
    assertThat(mdc(event)).containsEntry("step", "checkout");
    assertThat(event.getExtra("contextStack")).isEqualTo(java.util.List.of("ndc-" + requestId));
    assertThat(event.getMessage().getFormatted()).isEqualTo("failed " + requestId);
    assertThat(event.getThreads().get(0).getName()).isEqualTo(Thread.currentThread().getName());
    assertThat(event.getLogger()).isEqualTo(loggerName);
    // the appender cannot read this thread's Sentry scope: the trace ids travel in the context data
    assertThat(event.getContexts().getTrace().getTraceId())
        .isEqualTo(transaction.getSpanContext().getTraceId());
    assertThat(event.getContexts().getTrace().getSpanId())
        .isEqualTo(transaction.getSpanContext().getSpanId());
    assertThat(mdc(event)).doesNotContainKeys("sentry_trace_id", "sentry_span_id");
    assertThat(event.getBreadcrumbs()).extracting(Breadcrumb::getMessage)
        .containsExactly("charging " + requestId);
  }

  private void assertSentFromThisThread(String loggerName, String requestId) {
    assertSentFromThisThread(logging, loggerName, requestId);
  }
}
