package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.SentryEvent;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.devserver.LoopbackSentryReceiver;

/**
 * One test's logging world: a loopback Sentry receiver whose DSN the XML reads as {@code
 * ${sys:SENTRY_TEST_DSN}}, a status listener, and a Log4j2 context started from a real
 * configuration file. {@link #close()} stops all of it, so the next test starts the integration
 * afresh (it is one per process).
 */
final class LoggingFixture implements AutoCloseable {

  static final String DSN_PROPERTY = "SENTRY_TEST_DSN";
  static final String BUFFER_PROPERTY = "SENTRY_TEST_BUFFER";
  /** How long a test waits for what it expects to arrive. */
  static final Duration WAIT = Duration.ofSeconds(20);

  final LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
  final StatusCapture status = StatusCapture.register();
  final LoggerContext context;

  private LoggingFixture(String location, String expectedEnd, Path bufferDir) {
    System.setProperty(DSN_PROPERTY, receiver.dsn());
    System.setProperty(BUFFER_PROPERTY, bufferDir.toString());
    context = Configurator.initialize("sentry-bridge-test", location);
    assertThat(context.getConfiguration().getConfigurationSource().getLocation())
        .as("the context runs the configuration of this test")
        .endsWith(expectedEnd);
  }

  /** Starts Log4j2 from a configuration on the test class path. */
  static LoggingFixture start(String configResource, Path bufferDir) {
    return new LoggingFixture("classpath:" + configResource, configResource, bufferDir);
  }

  /** Starts Log4j2 from a configuration file, e.g. one the test rewrites. */
  static LoggingFixture startFromFile(Path configFile, Path bufferDir) {
    return new LoggingFixture(configFile.toString(), configFile.getFileName().toString(), bufferDir);
  }

  /**
   * Logs one last error, "the sentinel", with {@code logger} and waits until it arrived and
   * everything logged before it was delivered (requests go out concurrently: the sentinel may
   * arrive first).
   *
   * @return the sentinel as the receiver got it
   */
  SentryEvent sentinelOnceEverythingArrived(Logger logger) {
    logger.error("the sentinel", new IllegalStateException("kept"));
    SentryEvent sentinel =
        receiver.awaitEvent(
            e -> e.getMessage() != null && "the sentinel".equals(e.getMessage().getFormatted()),
            WAIT);
    assertThat(SentryBridge.service().flush(WAIT)).as("nothing else on its way").isTrue();
    return sentinel;
  }

  SentryAppender appender(String name) {
    return context.getConfiguration().getAppender(name);
  }

  /** Stops the Log4j2 context (and with it the appenders); safe to call more than once. */
  void stopLogging() {
    if (!context.isStopped()) {
      Configurator.shutdown(context);
    }
  }

  @Override
  public void close() {
    try {
      stopLogging();
    } finally {
      ThreadContext.clearAll();
      status.unregister();
      receiver.close();
      System.clearProperty(DSN_PROPERTY);
      System.clearProperty(BUFFER_PROPERTY);
    }
  }
}
