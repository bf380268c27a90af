package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.logback.LogbackFixture.WAIT;

import ch.qos.logback.classic.Logger;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.protocol.SentryException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Which log events become Sentry events, as set in the XML. */
class EventSelectionTest {

  @RegisterExtension final LogbackFixture logging = new LogbackFixture();

  @Test
  void errorWithoutThrowableIsSkippedByDefault() {
    logging.open("defaults.xml");
    Logger log = logging.logback.logger("com.example.checkout");

    log.error("message only, not sent");
    log.error("sent", new IllegalStateException("with throwable"));

    assertThat(logging.receiver.awaitEvents(1, WAIT).get(0).getMessage().getFormatted())
        .isEqualTo("sent");
    logging.logback.close();
    assertThat(logging.receiver.events()).hasSize(1);
  }

  @Test
  void errorWithoutThrowableIsSentWithRequireThrowableFalse() {
    logging.open("message-only.xml");
    Logger log = logging.logback.logger("com.example.checkout");

    log.warn("a warning stays a breadcrumb");
    log.error("payment {} declined", "p-1");

    SentryEvent event = logging.receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.getMessage().getFormatted()).isEqualTo("payment p-1 declined");
    assertThat(event.getLevel()).isEqualTo(SentryLevel.ERROR);
    assertThat(event.getExceptions()).isNullOrEmpty();
    logging.logback.close();
    assertThat(logging.receiver.events()).hasSize(1);
  }

  @Test
  void ignoredExceptionsAndLoggersAreNotSent() {
    logging.open("ignored.xml");
    Logger log = logging.logback.logger("com.example.checkout");
    Logger noisy = logging.logback.logger("com.example.noisy.Poller");

    log.error("ignored type", new IllegalArgumentException("bad input"));
    log.error("ignored subclass", new NumberFormatException("not a number"));
    log.error("ignored checked type", new TimeoutException("slow"));
    noisy.error("ignored logger", new IllegalStateException("poll failed"));
    logging.logback.logger("com.example.noisyneighbour").error("kept", new IllegalStateException("kept"));

    SentryEvent event = logging.receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.getExceptions()).extracting(SentryException::getValue).containsExactly("kept");
    assertThat(event.getLogger()).isEqualTo("com.example.noisyneighbour");
    logging.logback.close();
    assertThat(logging.receiver.events()).hasSize(1);
  }
}
