package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.LoopbackSentry;
import org.slf4j.MDC;

/**
 * One test's logging world, registered with {@code @RegisterExtension}: a loopback Sentry receiver
 * and buffer directory ({@link LoopbackSentry}, shared with the other appender tests), and a Logback
 * context configured from a test XML file with {@code SENTRY_DSN} and {@code BUFFER_DIR} pointing
 * at them. Everything is stopped after each test: the integration is one per process, and the next
 * test starts it again with its own receiver.
 */
final class LogbackFixture implements BeforeEachCallback, AfterEachCallback, AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(20);

  LoopbackSentry sentry;
  LoopbackSentryReceiver receiver;
  Path buffer;
  ConfiguredContext logback;

  @Override
  public void beforeEach(ExtensionContext context) {
    sentry = LoopbackSentry.start();
    receiver = sentry.receiver();
    buffer = sentry.bufferDir();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  /**
   * Configures a fresh context from {@code /logback/<resource>} with the receiver's DSN.
   *
   * @param resource the XML file under {@code /logback/} on the test class path
   * @return the configured context, also kept in {@link #logback}
   */
  ConfiguredContext open(String resource) {
    Map<String, String> properties = new HashMap<>();
    properties.put("SENTRY_DSN", sentry.dsn());
    properties.put("BUFFER_DIR", buffer.toString());
    logback = new ConfiguredContext(resource, properties);
    return logback;
  }

  /**
   * What Logback's own ListAppender named LIST recorded.
   *
   * @return the recorded events, oldest first
   */
  List<ILoggingEvent> loggedEvents() {
    return logback.listed("LIST");
  }

  /**
   * Logs one last error, "the sentinel", and waits until it arrived and everything logged before it
   * was delivered.
   *
   * @param log the logger to log the sentinel with
   * @return the formatted message of every event the receiver got, the sentinel's included
   */
  List<String> messagesOnceTheSentinelArrived(Logger log) {
    log.error("the sentinel", new IllegalStateException("kept"));
    receiver.awaitEvent(
        e -> e.getMessage() != null && "the sentinel".equals(e.getMessage().getFormatted()), WAIT);
    assertThat(SentryBridge.service().flush(WAIT)).isTrue();
    return receiver.events().stream()
        .map(e -> e.getMessage() == null ? null : e.getMessage().getFormatted())
        .collect(Collectors.toList());
  }

  /** Stops the context, the receiver and deletes the buffer; safe to call more than once. */
  @Override
  public void close() {
    MDC.clear();
    try {
      if (logback != null) {
        logback.close();
      }
    } finally {
      if (sentry != null) {
        sentry.close();
      }
      logback = null;
      sentry = null;
    }
  }
}
