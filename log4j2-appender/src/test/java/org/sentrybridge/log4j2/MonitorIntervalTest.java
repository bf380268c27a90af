package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.SentryEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.testing.Poll;

/** A reload by Log4j2's own file monitor (monitorInterval) keeps the running SDK and every event. */
class MonitorIntervalTest {

  @TempDir Path dir;
  private LoggingFixture logging;

  @AfterEach
  void stop() {
    logging.close();
  }

  @Test
  void fileChangeReloadsWithoutRestartingSentryOrLosingEvents() throws IOException {
    Path config = dir.resolve("log4j2-monitored.xml");
    Files.writeString(config, template().replace("CONTEXT_TAGS", "none"));
    logging = LoggingFixture.startFromFile(config, dir.resolve("buffer"));
    Configuration before = logging.context.getConfiguration();
    org.apache.logging.log4j.core.Logger logger = logging.context.getLogger("monitored");
    ThreadContext.put("request.id", "r-monitor");
    for (int i = 0; i < 10; i++) {
      logger.error("before-" + i, new IllegalStateException());
    }

    Files.writeString(config, template().replace("CONTEXT_TAGS", "request.id"));
    // a later modification time, whatever the file system's time granularity
    Files.setLastModifiedTime(config, FileTime.from(Instant.now().plusSeconds(5)));
    // Log4j2 sets the context's new configuration before it points the loggers at it: wait for the
    // logger itself, or a line logged in between still goes through the old appender.
    Poll.until("the monitor reloads the file", Duration.ofSeconds(30),
        () -> logging.context.getConfiguration() != before
            && logger.get() == logging.context.getConfiguration().getRootLogger());
    for (int i = 0; i < 10; i++) {
      logger.error("after-" + i, new IllegalStateException());
    }

    List<SentryEvent> events = logging.receiver.awaitEvents(20, Duration.ofSeconds(20));
    assertThat(events).extracting(e -> e.getMessage().getFormatted()).doesNotHaveDuplicates()
        .contains("before-0", "before-9", "after-0", "after-9");
    assertThat(events).filteredOn(e -> e.getMessage().getFormatted().startsWith("after-"))
        .allSatisfy(e -> assertThat(e.getTag("request.id")).isEqualTo("r-monitor"));
    assertThat(logging.status.messagesContaining("sentry-bridge sends errors to")).hasSize(1);
  }

  private static String template() throws IOException {
    try (InputStream in =
        MonitorIntervalTest.class.getResourceAsStream("/log4j2-test-monitored.xml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
