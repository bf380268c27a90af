package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.logback.LogbackFixture.WAIT;

import ch.qos.logback.classic.Logger;
import io.sentry.Breadcrumb;
import io.sentry.SentryEvent;
import io.sentry.protocol.SentryException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What user objects throw from {@code toString()} never reaches the application nor loses the
 * event: the text becomes {@code [FAILED toString()]}, as Logback writes it.
 */
class HostileObjectsTest {

  @RegisterExtension final LogbackFixture logging = new LogbackFixture();

  private static final String FAILED = "[FAILED toString()]";

  /** An argument whose toString() throws what it was given. */
  static final class Hostile {
    private final Throwable thrown;

    Hostile(Throwable thrown) {
      this.thrown = thrown;
    }

    @Override
    public String toString() {
      if (thrown instanceof Error) {
        throw (Error) thrown;
      }
      throw (RuntimeException) thrown;
    }
  }

  @Test
  void loggingFromInsideTheAppenderNeverLoopsBackIntoIt() {
    logging.open("defaults.xml");
    Logger log = logging.logback.logger("com.example.recursive");
    Object recursive =
        new Object() {
          @Override
          public String toString() {
            // formatted by the appender, on the logging thread: this logs from inside it
            log.error("again {}", this, new IllegalStateException("inner"));
            return "arg";
          }
        };

    log.error("outer {}", recursive, new IllegalStateException("outer"));

    assertThat(logging.messagesOnceTheSentinelArrived(log))
        .containsExactlyInAnyOrder("outer arg", "the sentinel");
  }

  @Test
  void linesLoggedWhileTheAppenderFormatsAnArgumentAreNotItsBreadcrumbs() {
    logging.open("defaults.xml");
    Logger log = logging.logback.logger("com.example.recursive");
    Object chatty =
        new Object() {
          @Override
          public String toString() {
            // Logback formats lazily: only the appender calls this, on the logging thread
            log.info("formatting {}", 42);
            log.info("formatting {}", this);
            return "arg";
          }
        };

    log.info("crumb {}", chatty);
    log.error("outer {}", chatty, new IllegalStateException("outer"));

    SentryEvent outer =
        logging.receiver.awaitEvent(
            e -> e.getMessage() != null && "outer arg".equals(e.getMessage().getFormatted()), WAIT);
    assertThat(outer.getBreadcrumbs()).extracting(Breadcrumb::getMessage)
        .containsExactly("crumb arg");
  }

  @Test
  void argumentsWhoseToStringThrowsAnErrorBecomeMarkers() {
    logging.open("full-event.xml");
    Logger log = logging.logback.logger("com.example.checkout");

    log.info("crumb {}", new Hostile(new AssertionError("no")));
    log.error("linkage {}", new Hostile(new NoClassDefFoundError("com/example/Gone")),
        new IllegalStateException("first"));
    log.error("assertion {}", new Hostile(new AssertionError("no")),
        new IllegalStateException("second"));

    // both calls returned; both events arrive
    SentryEvent linkage = logging.receiver.awaitEvent(e -> hasValue(e, "first"), WAIT);
    SentryEvent assertion = logging.receiver.awaitEvent(e -> hasValue(e, "second"), WAIT);
    assertThat(linkage.getMessage().getFormatted()).isEqualTo("linkage " + FAILED);
    assertThat(linkage.getMessage().getParams()).containsExactly(FAILED);
    assertThat(linkage.getBreadcrumbs()).extracting(Breadcrumb::getMessage)
        .contains("crumb " + FAILED);
    assertThat(assertion.getMessage().getFormatted()).isEqualTo("assertion " + FAILED);
  }

  @Test
  void aKeyValueWhoseToStringThrowsBecomesAMarker() {
    logging.open("full-event.xml");

    logging.logback.logger("com.example.checkout").atError()
        .setMessage("with a key-value")
        .addKeyValue("order", new Hostile(new IllegalStateException("not today")))
        .addKeyValue("region", "eu")
        .setCause(new IllegalStateException("kv"))
        .log();

    SentryEvent event = logging.receiver.awaitEvents(1, WAIT).get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> keyValues = (Map<String, Object>) event.getContexts().get("KeyValues");
    assertThat(keyValues).containsEntry("order", FAILED).containsEntry("region", "eu");
    assertThat(logging.logback.statusLines("ERROR")).isEmpty();
  }

  private static boolean hasValue(SentryEvent event, String value) {
    return event.getExceptions() != null
        && event.getExceptions().stream().map(SentryException::getValue).anyMatch(value::equals);
  }
}
