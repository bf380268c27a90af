package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.logback.LogbackFixture.WAIT;

import ch.qos.logback.classic.Logger;
import io.sentry.SentryEvent;
import io.sentry.protocol.SentryException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Start-up checks, status messages, stop and reconfiguration. */
class LifecycleTest {

  @RegisterExtension final LogbackFixture logging = new LogbackFixture();

  @Test
  void stopDeliversTheEventLoggedRightBeforeIt() {
    logging.open("defaults.xml");

    logging.logback.logger("com.example.checkout").error("last words", new IllegalStateException("bye"));
    logging.logback.close();

    // no waiting: stop() returned only after delivery
    assertThat(logging.receiver.events())
        .flatExtracting(SentryEvent::getExceptions)
        .extracting(SentryException::getValue)
        .containsExactly("bye");
  }

  @Test
  void stopIsIdempotent() {
    logging.open("defaults.xml");
    SentryAppender appender = logging.logback.sentryAppender();

    appender.stop();
    appender.stop();
    logging.logback.close();
    logging.logback.close();

    assertThat(appender.isStarted()).isFalse();
    assertThat(logging.logback.statusLines("ERROR")).isEmpty();
  }

  @Test
  void reconfigurationKeepsSendingAndLosesNothing() {
    logging.open("defaults.xml");
    Logger log = logging.logback.logger("com.example.checkout");
    log.error("before", new IllegalStateException("before reconfiguration"));

    logging.logback.reconfigure("message-only.xml"); // what scan does when the file changed
    log.error("after, message only");

    // requests go out concurrently: the order of logging is the order of the events' timestamps
    List<SentryEvent> events = new ArrayList<>(logging.receiver.awaitEvents(2, WAIT));
    events.sort(Comparator.comparing(SentryEvent::getTimestamp));
    assertThat(events)
        .extracting(e -> e.getMessage().getFormatted())
        .containsExactlyInAnyOrder("before", "after, message only");
    assertThat(logging.logback.sentryAppender().isStarted()).isTrue();
  }

  @Test
  void processWideSettingsChangedByAReloadAreReportedAndTheRunningSdkIsKept() {
    logging.open("defaults.xml");

    logging.logback.reconfigure("other-settings.xml");
    logging.logback.logger("com.example.checkout").error("after", new IllegalStateException());

    assertThat(logging.receiver.awaitEvents(1, WAIT)).hasSize(1);
    assertThat(logging.logback.statusLines("WARN"))
        .filteredOn(line -> line.contains("already runs with other settings"))
        .singleElement()
        .satisfies(line -> assertThat(line)
            .contains("sendMetadata: false (running: true); dedupeWindow: 30s (running: 60s)"));
    assertThat(logging.logback.statusLines()).filteredOn(line -> line.contains("sends errors to"))
        .hasSize(1);
  }

  @Test
  void eachBadSettingIsReportedAsAWarningAndTheAppenderDoesNotStart() {
    logging.open("bad-settings.xml");

    assertThat(logging.logback.statusLines("ERROR")).isEmpty();
    List<String> warnings = logging.logback.statusLines("WARN");
    assertThat(warnings)
        .anyMatch(m -> m.contains("minimumEventLevel: 'LOUD' is not a level"))
        .anyMatch(m -> m.contains("requireThrowable: 'maybe' is not true or false"))
        .anyMatch(m -> m.contains("init.tracesSampleRate: 'lots' is not a number"))
        .anyMatch(m -> m.contains("init.colourScheme is not a Sentry SDK option"))
        .anyMatch(m -> m.contains("queueSize: -5 is below the minimum of 1"))
        .anyMatch(m -> m.contains("maxRequestsInFlight: 'none' is not a whole number"))
        .anyMatch(m -> m.contains("flushTimeout: 'soon' is not a duration"))
        .anyMatch(m -> m.contains("dsn: 'ftp://***@127.0.0.1/1' is not a valid Sentry DSN"))
        .allMatch(m -> m.startsWith("Sentry appender [SENTRY]: ") && m.contains("not started"))
        .noneMatch(m -> m.contains("topsecretkey"));
    assertThat(logging.logback.sentryAppender().isStarted()).isFalse();

    logging.logback.logger("com.example.checkout").error("still fine", new IllegalStateException("x"));
    logging.logback.close();
    assertThat(logging.receiver.envelopeCount()).isZero();
  }

  @Test
  void anAppenderRestartedWithABadSettingAfterAResetTakesNothing() {
    logging.open("defaults.xml");
    SentryAppender appender = logging.logback.sentryAppender();
    logging.logback.context.reset(); // the appender keeps its share for the next configuration

    appender.setFlushTimeout("soon");
    appender.start();
    Logger log = logging.logback.logger("com.example.checkout");
    log.addAppender(appender);
    log.error("after a failed restart", new IllegalStateException("x"));
    logging.logback.close(); // delivers whatever the share that the reset kept took

    assertThat(appender.isStarted()).isFalse();
    assertThat(logging.logback.statusLines("WARN"))
        .anyMatch(m -> m.contains("flushTimeout: 'soon' is not a duration"))
        .anyMatch(m -> m.contains("Attempted to append to non started appender [SENTRY]"));
    assertThat(logging.receiver.envelopeCount()).isZero();
  }

  @Test
  void malformedInitTextIsReported() {
    HashMap<String, String> properties = new HashMap<>();
    properties.put("INIT", "tracesSampleRate");
    logging.logback = new ConfiguredContext("init-property.xml", properties);

    assertThat(logging.logback.statusLines("WARN"))
        .anyMatch(m -> m.contains("init: 'tracesSampleRate' is not name=value"));
    assertThat(logging.logback.sentryAppender().isStarted()).isFalse();
  }

  @Test
  void unresolvedDsnGivesOneInfoLineAndSendsNothing() {
    logging.logback = new ConfiguredContext("no-dsn.xml", new HashMap<>());

    logging.logback.logger("com.example.checkout").error("not sent", new IllegalStateException("x"));

    assertThat(logging.logback.statusLines("INFO"))
        .filteredOn(m -> m.contains("sentry-bridge"))
        .containsExactly("sentry-bridge is disabled because no Sentry DSN was provided");
    assertThat(logging.logback.statusLines("ERROR")).isEmpty();
    assertThat(logging.logback.statusLines("WARN")).isEmpty();
    assertThat(logging.logback.sentryAppender().isStarted()).isTrue();
    logging.logback.close();
    assertThat(logging.receiver.envelopeCount()).isZero();
  }

  @Test
  void enabledFalseTurnsItOff() {
    logging.open("disabled.xml");

    logging.logback.logger("com.example.checkout").error("not sent", new IllegalStateException("x"));

    assertThat(logging.logback.statusLines("INFO")).contains("sentry-bridge is turned off (enabled=false)");
    assertThat(logging.logback.statusLines("ERROR")).isEmpty();
    logging.logback.close();
    assertThat(logging.receiver.envelopeCount()).isZero();
  }
}
