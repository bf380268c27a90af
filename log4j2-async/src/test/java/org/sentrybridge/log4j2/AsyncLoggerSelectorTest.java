package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.logging.log4j.core.async.AsyncLoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * All loggers async ({@code AsyncLoggerContextSelector}); runs in its own surefire execution that
 * sets {@code log4j2.contextSelector}, since the selector is chosen once per process.
 */
class AsyncLoggerSelectorTest {

  @TempDir Path buffer;
  private LoggingFixture logging;

  @BeforeEach
  void start() {
    logging = LoggingFixture.start("log4j2-test-selector.xml", buffer);
  }

  @AfterEach
  void stop() {
    logging.close();
  }

  @Test
  void everyLoggerAsyncKeepsTheLoggingThreadsContext() {
    assertThat(logging.context).isInstanceOf(AsyncLoggerContext.class);
    AsyncLoggingTest.assertSentFromThisThread(logging, "com.example.AllAsync", "r-selector");
  }
}
