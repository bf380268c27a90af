package org.sentrybridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.clientreport.DiscardReason;
import io.sentry.protocol.SentryId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.devserver.LoopbackSentryReceiver;

/**
 * The steps of the coexistence tests, sentry-bridge's appender and the official one on the same
 * logger, the same for Logback and Log4j2.
 */
public final class CoexistenceSteps {

  /** How many errors with a throwable {@link #logErrors} logs. */
  public static final int ERRORS = 3;

  /** The message of the error without throwable, which sentry-bridge leaves to the official one. */
  public static final String MESSAGE_ONLY =
      "a message-only error, which sentry-bridge leaves alone";

  private static final Duration WAIT = Duration.ofSeconds(20);

  private CoexistenceSteps() {}

  /**
   * Logs {@link #ERRORS} errors with a throwable and one without.
   *
   * @param error the backend's ERROR call
   */
  public static void logErrors(LogCall error) {
    for (int i = 0; i < ERRORS; i++) {
      error.log("payment " + i + " failed", new IllegalStateException("card declined " + i));
    }
    error.log(MESSAGE_ONLY);
  }

  /**
   * Waits for what {@link #logErrors} logged, flushes both ends and checks that each error arrived
   * exactly once: those with a throwable from sentry-bridge, the message-only one from the official
   * appender.
   *
   * @param receiver where the events arrive
   * @param ourMechanism sentry-bridge's mechanism type for this backend
   */
  public static void eachErrorArrivedOnce(LoopbackSentryReceiver receiver, String ourMechanism) {
    receiver.awaitEvents(ERRORS + 1, WAIT);
    // both ends delivered everything they had: nothing more can arrive
    assertThat(SentryBridge.service().flush(Duration.ofSeconds(10))).isTrue();
    Sentry.flush(10_000);

    Map<String, List<SentryEvent>> byMessage =
        receiver.events().stream()
            .collect(Collectors.groupingBy(e -> e.getMessage().getFormatted(), Collectors.toList()));
    assertThat(byMessage).hasSize(ERRORS + 1);
    assertThat(byMessage.values()).allSatisfy(events -> assertThat(events).hasSize(1));
    for (int i = 0; i < ERRORS; i++) {
      SentryEvent event = byMessage.get("payment " + i + " failed").get(0);
      assertThat(event.getExceptions().get(0).getMechanism().getType()).isEqualTo(ourMechanism);
    }
    assertThat(byMessage.get(MESSAGE_ONLY).get(0).getExceptions()).isNullOrEmpty();
  }

  /**
   * The official appender's copies were never made: no {@code event_processor} discard reaches
   * Sentry in the SDK's client reports, which the next event carries.
   *
   * @param receiver where the events arrive
   */
  public static void noCopyWasDiscarded(LoopbackSentryReceiver receiver) {
    SentryId last = Sentry.captureMessage("carries the SDK's pending client reports");
    receiver.awaitEvent(e -> last.equals(e.getEventId()), WAIT);
    assertThat(receiver.discardedEvents())
        .noneMatch(d -> DiscardReason.EVENT_PROCESSOR.getReason().equals(d.getReason()));
  }

  /**
   * After sentry-bridge's appender stopped, the SDK is still open and the official appender sends
   * the next error itself.
   *
   * @param receiver where the events arrive
   * @param error the backend's ERROR call
   * @param ourMechanism sentry-bridge's mechanism type for this backend
   */
  public static void theOfficialAppenderTakesOver(
      LoopbackSentryReceiver receiver, LogCall error, String ourMechanism) {
    assertThat(Sentry.isEnabled()).as("the official appender still runs on the SDK").isTrue();
    error.log("sent by the official appender", new IllegalStateException("card declined again"));
    SentryEvent event =
        receiver.awaitEvent(
            e -> "sent by the official appender".equals(e.getMessage().getFormatted()), WAIT);
    assertThat(event.getExceptions().get(0).getMechanism().getType()).isNotEqualTo(ourMechanism);
    assertThat(receiver.events()).hasSize(ERRORS + 3);
  }
}
