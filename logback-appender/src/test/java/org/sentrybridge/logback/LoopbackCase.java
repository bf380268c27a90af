package org.sentrybridge.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.slf4j.MDC;

/**
 * A loopback Sentry receiver per test and a Logback context configured from a test XML file with
 * {@code SENTRY_DSN} pointing at it. Everything is stopped after each test: the integration is
 * one per process, and the next test starts it again with its own receiver.
 */
abstract class LoopbackCase {

  static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path buffer;
  LoopbackSentryReceiver receiver;
  ConfiguredContext logback;

  @BeforeEach
  void startReceiver() {
    receiver = LoopbackSentryReceiver.start();
  }

  @AfterEach
  void stopEverything() {
    MDC.clear();
    if (logback != null) {
      logback.close();
    }
    receiver.close();
  }

  /** Configures a fresh context from {@code /logback/<resource>} with the receiver's DSN. */
  ConfiguredContext open(String resource) {
    Map<String, String> properties = new HashMap<>();
    properties.put("SENTRY_DSN", receiver.dsn());
    properties.put("BUFFER_DIR", buffer.toString());
    logback = new ConfiguredContext(resource, properties);
    return logback;
  }

  /** What Logback's own ListAppender named LIST recorded. */
  List<ILoggingEvent> loggedEvents() {
    @SuppressWarnings("unchecked")
    ListAppender<ILoggingEvent> list =
        (ListAppender<ILoggingEvent>) logback.logger("ROOT").getAppender("LIST");
    return new ArrayList<>(list.list);
  }
}
