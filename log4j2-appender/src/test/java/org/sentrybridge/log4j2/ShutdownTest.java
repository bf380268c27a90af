package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code LogManager.shutdown()} stops the appenders with a 50 ms timeout; the errors of the last
 * moment are still delivered within the appender's own {@code flushTimeout}.
 */
class ShutdownTest {

  @TempDir Path buffer;
  private LoggingFixture logging;

  @BeforeEach
  void start() {
    logging = LoggingFixture.start("log4j2-test-reconfigure.xml", buffer);
  }

  @AfterEach
  void stop() {
    logging.close();
  }

  @Test
  void logManagerShutdownDeliversTheLastErrorsWithinFlushTimeout() {
    logging.receiver.respondSlowly(Duration.ofMillis(300));
    Logger logger = logging.context.getLogger("shutdown.last");
    for (int i = 0; i < 5; i++) {
      logger.error("last-" + i, new IllegalStateException("last " + i));
    }

    LogManager.shutdown();

    assertThat(logging.context.isStopped()).isTrue();
    // no waiting: shutdown returned after delivery
    assertThat(logging.receiver.events()).hasSize(5);
    assertThat(logging.status.messagesContaining("kept in")).isEmpty();
    assertThat(logging.status.messagesContaining("not delivered")).isEmpty();
  }
}
