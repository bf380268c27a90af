package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.sentry.SentryEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.Poll;
import org.slf4j.MDC;

/** Logback's own {@code scan}: the changed file replaces the appender, and sending goes on. */
class ScanReconfigurationTest {

  @TempDir Path dir;
  private final LoggerContext context = new LoggerContext();
  private final LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();

  @AfterEach
  void stop() {
    context.stop();
    receiver.close();
  }

  @Test
  void aScannedChangeRestartsTheAppenderWithoutLosingEvents() throws Exception {
    Path file = dir.resolve("logback.xml");
    write(file, "true", Instant.now());
    context.setMDCAdapter(MDC.getMDCAdapter());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(file.toFile());
    Logger log = context.getLogger("com.example.checkout");
    Object first = appender();

    log.error("before", new IllegalStateException("before the change"));
    write(file, "false", Instant.now().plusSeconds(5));
    Poll.until("the scan to replace the appender", Duration.ofSeconds(20),
        () -> appender() != null && appender() != first && appender().isStarted());
    log.error("after, message only");

    List<SentryEvent> events = receiver.awaitEvents(2, Duration.ofSeconds(20));
    assertThat(events).extracting(e -> e.getMessage().getFormatted())
        .containsExactly("before", "after, message only");
  }

  private SentryAppender appender() {
    return (SentryAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("SENTRY");
  }

  private void write(Path file, String requireThrowable, Instant modified) throws IOException {
    String xml =
        "<configuration scan=\"true\" scanPeriod=\"100 milliseconds\">\n"
            + "  <appender name=\"SENTRY\" class=\"org.sentrybridge.logback.SentryAppender\">\n"
            + "    <dsn>" + receiver.dsn() + "</dsn>\n"
            + "    <bufferDir>" + dir.resolve("buffer") + "</bufferDir>\n"
            + "    <requireThrowable>" + requireThrowable + "</requireThrowable>\n"
            + "  </appender>\n"
            + "  <root level=\"INFO\"><appender-ref ref=\"SENTRY\"/></root>\n"
            + "</configuration>\n";
    Files.write(file, xml.getBytes(StandardCharsets.UTF_8));
    Files.setLastModifiedTime(file, FileTime.from(modified));
  }
}
