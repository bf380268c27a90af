package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import io.sentry.SentryEvent;
import io.sentry.protocol.SentryException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Start-up checks, status messages, stop and reconfiguration. */
class LifecycleTest extends LoopbackCase {

  @Test
  void stopDeliversTheEventLoggedRightBeforeIt() {
    open("defaults.xml");

    logback.logger("com.example.checkout").error("last words", new IllegalStateException("bye"));
    logback.close();

    // no waiting: stop() returned only after delivery
    assertThat(receiver.events())
        .flatExtracting(SentryEvent::getExceptions)
        .extracting(SentryException::getValue)
        .containsExactly("bye");
  }

  @Test
  void stopIsIdempotent() {
    open("defaults.xml");
    SentryAppender appender = logback.sentryAppender();

    appender.stop();
    appender.stop();
    logback.close();
    logback.close();

    assertThat(appender.isStarted()).isFalse();
    assertThat(logback.statusLines("ERROR")).isEmpty();
  }

  @Test
  void reconfigurationKeepsSendingAndLosesNothing() {
    open("defaults.xml");
    Logger log = logback.logger("com.example.checkout");
    log.error("before", new IllegalStateException("before reconfiguration"));

    logback.reconfigure("message-only.xml"); // what scan does when the file changed
    log.error("after, message only");

    // requests go out concurrently: the order of logging is the order of the events' timestamps
    List<SentryEvent> events = new ArrayList<>(receiver.awaitEvents(2, WAIT));
    events.sort(Comparator.comparing(SentryEvent::getTimestamp));
    assertThat(events)
        .extracting(e -> e.getMessage().getFormatted())
        .containsExactlyInAnyOrder("before", "after, message only");
    assertThat(logback.sentryAppender().isStarted()).isTrue();
  }

  @Test
  void processWideSettingsChangedByAReloadAreReportedAndTheRunningSdkIsKept() {
    open("defaults.xml");

    logback.reconfigure("other-settings.xml");
    logback.logger("com.example.checkout").error("after", new IllegalStateException());

    assertThat(receiver.awaitEvents(1, WAIT)).hasSize(1);
    assertThat(logback.statusLines("WARN"))
        .filteredOn(line -> line.contains("already runs with other settings"))
        .singleElement()
        .satisfies(line -> assertThat(line)
            .contains("sendMetadata: false (running: true); dedupeWindow: 30s (running: 60s)"));
    assertThat(logback.statusLines()).filteredOn(line -> line.contains("sends errors to"))
        .hasSize(1);
  }

  @Test
  void eachBadSettingIsReportedAsAWarningAndTheAppenderDoesNotStart() {
    open("bad-settings.xml");

    assertThat(logback.statusLines("ERROR")).isEmpty();
    List<String> warnings = logback.statusLines("WARN");
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
    assertThat(logback.sentryAppender().isStarted()).isFalse();

    logback.logger("com.example.checkout").error("still fine", new IllegalStateException("x"));
    logback.close();
    assertThat(receiver.envelopeCount()).isZero();
  }

  @Test
  void malformedInitTextIsReported() {
    HashMap<String, String> properties = new HashMap<>();
    properties.put("INIT", "tracesSampleRate");
    logback = new ConfiguredContext("init-property.xml", properties);

    assertThat(logback.statusLines("WARN"))
        .anyMatch(m -> m.contains("init: 'tracesSampleRate' is not name=value"));
    assertThat(logback.sentryAppender().isStarted()).isFalse();
  }

  @Test
  void unresolvedDsnGivesOneInfoLineAndSendsNothing() {
    logback = new ConfiguredContext("no-dsn.xml", new HashMap<>());

    logback.logger("com.example.checkout").error("not sent", new IllegalStateException("x"));

    assertThat(logback.statusLines("INFO"))
        .filteredOn(m -> m.contains("sentry-bridge"))
        .containsExactly("sentry-bridge is disabled because no Sentry DSN was provided");
    assertThat(logback.statusLines("ERROR")).isEmpty();
    assertThat(logback.statusLines("WARN")).isEmpty();
    assertThat(logback.sentryAppender().isStarted()).isTrue();
    logback.close();
    assertThat(receiver.envelopeCount()).isZero();
  }

  @Test
  void enabledFalseTurnsItOff() {
    open("disabled.xml");

    logback.logger("com.example.checkout").error("not sent", new IllegalStateException("x"));

    assertThat(logback.statusLines("INFO")).contains("sentry-bridge is turned off (enabled=false)");
    assertThat(logback.statusLines("ERROR")).isEmpty();
    logback.close();
    assertThat(receiver.envelopeCount()).isZero();
  }
}
