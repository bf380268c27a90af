package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.SentryEvent;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An argument whose toString() throws an Error neither reaches the application nor loses the event. */
class HostileObjectsTest {

  @TempDir Path buffer;
  private LoggingFixture logging;

  /** toString() throws what a broken class path throws. */
  static final class Hostile {
    @Override
    public String toString() {
      throw new NoClassDefFoundError("com/example/Gone");
    }
  }

  @BeforeEach
  void start() {
    logging = LoggingFixture.start("log4j2-test-reconfigure.xml", buffer);
  }

  @AfterEach
  void stop() {
    logging.close();
  }

  @Test
  void theArgumentBecomesAMarkerAndTheEventArrives() {
    Logger logger = logging.context.getLogger("hostile");

    logger.error("charge {} failed", new Hostile(), new IllegalStateException("hostile"));

    SentryEvent event = logging.receiver.awaitEvents(1, Duration.ofSeconds(20)).get(0);
    assertThat(event.getMessage().getParams()).containsExactly("[FAILED toString()]");
    assertThat(event.getExceptions()).extracting(e -> e.getValue()).containsExactly("hostile");
  }
}
