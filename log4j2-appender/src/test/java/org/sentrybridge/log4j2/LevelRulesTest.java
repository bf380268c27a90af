package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.log4j2.EventFieldsTest.byFormatted;
import static org.sentrybridge.log4j2.LoggingFixture.WAIT;

import io.sentry.Breadcrumb;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LevelRulesTest {

  @TempDir Path buffer;
  private LoggingFixture logging;

  @AfterEach
  void stop() {
    logging.close();
  }

  @Test
  void byDefaultOnlyErrorsWithThrowableAreSentAndLowerLevelsBecomeBreadcrumbs() {
    logging = LoggingFixture.start("log4j2-test-levels.xml", buffer);
    Logger logger = logging.context.getLogger("com.example.Checkout");

    logger.error("error without throwable");
    logging.context.getLogger("com.example.noisy.Poller").error("ignored logger", new RuntimeException());
    logger.error("ignored exception", new CancellationException("cancelled"));
    logger.debug("debug line");
    logger.info("info line {}", 1);
    logger.warn("warn line {}", 2);

    SentryEvent sentinel = logging.sentinelOnceEverythingArrived(logger);
    assertThat(logging.receiver.events()).containsExactly(sentinel);
    List<Breadcrumb> crumbs = sentinel.getBreadcrumbs();
    assertThat(crumbs).extracting(Breadcrumb::getMessage).contains("info line 1", "warn line 2")
        .doesNotContain("debug line");
    assertThat(crumbs).filteredOn(c -> "warn line 2".equals(c.getMessage())).singleElement()
        .satisfies(c -> {
          assertThat(c.getLevel()).isEqualTo(SentryLevel.WARNING);
          assertThat(c.getCategory()).isEqualTo("com.example.Checkout");
        });
  }

  @Test
  void slf4jWarningBecomesBreadcrumbOfTheNextEvent() {
    logging = LoggingFixture.start("log4j2-test-levels.xml", buffer);
    org.slf4j.Logger logger = LoggerFactory.getLogger("com.example.slf4j.Crumbs");

    logger.warn("slf4j warning {}", "w1");
    logger.error("slf4j error", new IllegalStateException("x"));

    SentryEvent event = logging.receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.getBreadcrumbs()).extracting(Breadcrumb::getMessage)
        .contains("slf4j warning w1");
  }

  @Test
  void withRequireThrowableFalseErrorsAndWarningsWithoutExceptionAreSent() {
    logging = LoggingFixture.start("log4j2-test-no-throwable.xml", buffer);
    Logger logger = logging.context.getLogger("com.example.Plain");

    logger.info("info is below the minimum");
    logger.warn("plain warning");
    LoggerFactory.getLogger("com.example.Plain").error("plain slf4j error {}", "e1");

    List<SentryEvent> events = logging.receiver.awaitEvents(2, WAIT);
    assertThat(byFormatted(events, "plain warning").getLevel()).isEqualTo(SentryLevel.WARNING);
    SentryEvent error = byFormatted(events, "plain slf4j error e1");
    assertThat(error.getLevel()).isEqualTo(SentryLevel.ERROR);
    assertThat(error.getExceptions()).isNullOrEmpty();
    assertThat(error.getBreadcrumbs()).isNullOrEmpty();
    assertThat(logging.receiver.events()).hasSize(2);
  }

  @Test
  void linesLoggedWhileTheAppenderFormatsAnArgumentAreNotItsBreadcrumbs() {
    logging = LoggingFixture.start("log4j2-test-levels.xml", buffer);
    Logger logger = logging.context.getLogger("com.example.Recursive");
    Object chatty =
        new Object() {
          @Override
          public String toString() {
            // (a line with this object again would never end: Log4j2 formats it eagerly)
            logger.info("formatting {}", 42);
            return "arg";
          }
        };

    logger.info("crumb {}", chatty);
    logger.error("outer {}", chatty, new IllegalStateException("outer"));

    SentryEvent outer =
        logging.receiver.awaitEvent(
            e -> e.getMessage() != null && "outer arg".equals(e.getMessage().getFormatted()), WAIT);
    // Log4j2 formats each line on the logging thread before any appender sees it: that inner line
    // is the application's own and comes first. The appender turns the argument into text once
    // more; that inner line is re-entry, dropped.
    assertThat(outer.getBreadcrumbs()).extracting(Breadcrumb::getMessage)
        .containsExactly("formatting 42", "crumb arg", "formatting 42");
  }

  @Test
  void ownAndRecursiveLoggingNeverLoopsBackIntoSentry() {
    logging = LoggingFixture.start("log4j2-test-levels.xml", buffer);
    Logger logger = logging.context.getLogger("com.example.Recursive");
    Object loggingArgument =
        new Object() {
          @Override
          public String toString() {
            logger.error("logged while formatting", new IllegalStateException("inner"));
            return "arg";
          }
        };

    logging.context.getLogger("io.sentry.transport.Noise").error("sdk", new RuntimeException());
    logging.context.getLogger("org.sentrybridge.Noise").error("own", new RuntimeException());
    logger.error("outer {}", loggingArgument, new IllegalStateException("outer"));

    logging.sentinelOnceEverythingArrived(logger);
    List<String> sent =
        logging.receiver.events().stream().map(e -> e.getMessage().getFormatted()).toList();
    assertThat(sent).contains("outer arg", "the sentinel").doesNotContain("sdk", "own");
    // Log4j2 formats on the logging thread: that inner call is the application's own log event.
    // The appender turns the argument into text once more; on the same thread that call is
    // re-entry and dropped, with async loggers it is queued once. Never a loop.
    assertThat(sent).filteredOn("logged while formatting"::equals).hasSizeBetween(1, 2);
  }
}
