package org.sentrybridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.sentrybridge.testing.FaultHarness.ARRIVAL_TIMEOUT;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.LogEventForwarder;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.delivery.Counts;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.Poll;
import org.sentrybridge.testing.FaultHarness;
import org.sentrybridge.testing.RecordingStatusReporter;

/**
 * Network failures (connection refused, connection reset): events are kept, also across a
 * restart, and arrive once Sentry is reachable again, with no client report, since nothing was
 * lost. What Sentry answers with an error status is final instead: see {@link RejectionFaultTest}.
 */
class OutageFaultTest {

  private static final Duration NOT_DELIVERED_CHECK = Duration.ofSeconds(1);

  @TempDir Path buffer;

  @Test
  void errorsLoggedWhileReceiverIsDownArriveOnceWhenItComesUp() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        LogEventForwarder forwarder =
            FaultHarness.forwarder(FaultHarness.settings(receiver, buffer).build(), status)) {
      receiver.goDown();
      List<String> messages = FaultHarness.messages("while down", 1_000);
      for (String message : messages) {
        assertThat(forwarder.forward(FaultHarness.distinctError(message))).isTrue();
      }
      assertThat(forwarder.flush(NOT_DELIVERED_CHECK)).as("nothing can be delivered").isFalse();

      receiver.comeUp();
      receiver.awaitEvents(messages.size(), ARRIVAL_TIMEOUT);
      assertThat(forwarder.flush(Duration.ofSeconds(20))).isTrue();

      Map<String, Integer> arrivals = FaultHarness.arrivals(receiver);
      assertThat(arrivals.keySet()).containsExactlyInAnyOrderElementsOf(messages);
      assertThat(FaultHarness.duplicates(arrivals)).isZero();
      assertThat(receiver.discardedEvents()).as("no client report: nothing was lost").isEmpty();
      assertThat(status.lines("WARN")).isEmpty();
      FaultHarness.figures(
          "down, 1000 logged, up",
          "delivered=" + arrivals.size() + " lost=" + (messages.size() - arrivals.size())
              + " duplicates=" + FaultHarness.duplicates(arrivals));
    }
  }

  @Test
  void errorsKeptOnDiskWhenStoppedWhileDownArriveAfterRestart() throws Exception {
    RecordingStatusReporter firstRun = new RecordingStatusReporter();
    List<String> messages = FaultHarness.messages("across restart", 300);
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      receiver.goDown();
      try (LogEventForwarder forwarder =
          FaultHarness.forwarder(
              FaultHarness.settings(receiver, buffer)
                  .maxBufferedEvents(100)
                  // the stop turns the queued errors into envelopes within the flush timeout: on
                  // a busy machine 300 take longer than the harness's 1 s
                  .flushTimeout(Duration.ofSeconds(4))
                  .build(),
              firstRun)) {
        for (String message : messages) {
          assertThat(forwarder.forward(FaultHarness.distinctError(message))).isTrue();
        }
      }
      assertThat(firstRun.lines("WARN"))
          .contains(
              messages.size() + " events were not delivered and are kept in " + buffer
                  + " for the next start");
      // what was in memory went into one batch file, the rest had spilled one file each
      assertThat(FaultHarness.batchFiles(buffer)).hasSize(1);
      assertThat(FaultHarness.envelopeFiles(buffer)).isNotEmpty();

      receiver.comeUp();
      RecordingStatusReporter secondRun = new RecordingStatusReporter();
      try (LogEventForwarder forwarder =
          FaultHarness.forwarder(FaultHarness.settings(receiver, buffer).build(), secondRun)) {
        receiver.awaitEvents(messages.size(), ARRIVAL_TIMEOUT);
        assertThat(forwarder.flush(Duration.ofSeconds(20))).isTrue();
      }
      Map<String, Integer> arrivals = FaultHarness.arrivals(receiver);
      assertThat(arrivals.keySet()).containsExactlyInAnyOrderElementsOf(messages);
      assertThat(FaultHarness.duplicates(arrivals)).isZero();
      assertThat(FaultHarness.bufferedFiles(buffer)).isEmpty();
      assertThat(secondRun.lines("WARN")).isEmpty();
      assertThat(receiver.discardedEvents()).isEmpty();
      FaultHarness.figures(
          "stopped while down, restarted up",
          "kept on disk=" + messages.size() + " delivered after restart=" + arrivals.size()
              + " duplicates=" + FaultHarness.duplicates(arrivals));
    }
  }

  @Test
  void aStopWhileSentryIsUnreachableKeepsTheErrorsOnDiskWithoutWaitingOutTheFlushTimeout() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    List<String> messages = FaultHarness.messages("stopped while unreachable", 20);
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      receiver.goDown();
      LogEventForwarder forwarder = forwardedWithATenMinuteFlushTimeout(receiver, messages, status);
      Poll.until(
          "a request found Sentry unreachable",
          ARRIVAL_TIMEOUT,
          () -> !SentryBridge.stats().orElseThrow().reachable());

      // one more attempt at the stop fails too: the stop does not wait out its 10 minutes
      assertTimeoutPreemptively(Duration.ofMinutes(1), () -> forwarder.close());

      assertThat(status.lines("WARN"))
          .contains(
              messages.size() + " events were not delivered and are kept in " + buffer
                  + " for the next start");
    }
  }

  @Test
  void aStopDuringWhichTheOutageBeginsKeepsTheErrorsOnDiskWithoutWaitingOutTheFlushTimeout() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    List<String> messages = FaultHarness.messages("outage during the stop", 20);
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      // Sentry answers, slowly: the stop begins with every request under way and no failure seen
      receiver.delayAnswers(Duration.ofSeconds(3));
      try (LogEventForwarder forwarder =
          forwardedWithATenMinuteFlushTimeout(receiver, messages, status)) {
        Poll.until(
            "every request is under way",
            ARRIVAL_TIMEOUT,
            () -> receiver.requestTimes().size() >= messages.size());
        assertThat(SentryBridge.stats().orElseThrow().reachable()).isTrue();
        // the outage begins: the answers still to come, and every later request, are resets
        receiver.resetConnections();
        receiver.delayAnswers(Duration.ZERO); // the requests under way keep their 3 s

        // a request fails during the stop, one more made at once fails too: not 10 minutes
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> forwarder.close());

        // that one more request is the stop's only one: its later waits (the SDK's flush, the
        // transport's close) take the verdict; at most one retry of the back-off besides
        assertThat(receiver.requestTimes()).hasSizeLessThanOrEqualTo(messages.size() + 2);
        int kept = messages.size() - receiver.events().size();
        assertThat(kept).isPositive();
        String report =
            Counts.of(kept, "event was not delivered and is", "events were not delivered and are")
                + " kept in " + buffer + " for the next start";
        assertThat(status.lines("WARN")).anyMatch(line -> line.startsWith(report));
      }
    }
  }

  @Test
  void aFlushGoesOnWhenSentryAnswersBetweenTwoFailures() {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        LogEventForwarder forwarder =
            FaultHarness.forwarder(
                FaultHarness.settings(receiver, buffer).maxRequestsInFlight(1).build(),
                new RecordingStatusReporter())) {
      // one request at a time: the 1st fails, its retry is answered, the 3rd fails again
      receiver.resetRequests(1, 3);
      List<String> messages = FaultHarness.messages("failure, answer, failure", 2);
      for (String message : messages) {
        assertThat(forwarder.forward(FaultHarness.distinctError(message))).isTrue();
      }

      // not two failures in a row: Sentry answered between them, and the flush waits on
      assertThat(forwarder.flush(Duration.ofSeconds(20))).isTrue();

      assertThat(FaultHarness.arrivals(receiver).keySet())
          .containsExactlyInAnyOrderElementsOf(messages);
      assertThat(receiver.requestTimes()).hasSizeGreaterThanOrEqualTo(4);
    }
  }

  /** A forwarder whose stop may wait 10 minutes, handed one distinct error per message. */
  private LogEventForwarder forwardedWithATenMinuteFlushTimeout(
      LoopbackSentryReceiver receiver, List<String> messages, RecordingStatusReporter status) {
    LogEventForwarder forwarder =
        FaultHarness.forwarder(
            FaultHarness.settings(receiver, buffer).flushTimeout(Duration.ofMinutes(10)).build(),
            status);
    for (String message : messages) {
      assertThat(forwarder.forward(FaultHarness.distinctError(message))).isTrue();
    }
    return forwarder;
  }

  @Test
  void errorsWhoseConnectionIsResetAreKeptAndArriveAfterRecovery() {
    keptThroughFault("connection reset", LoopbackSentryReceiver::resetConnections);
  }

  private void keptThroughFault(String fault, Consumer<LoopbackSentryReceiver> mode) {
    RecordingStatusReporter status = new RecordingStatusReporter();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        LogEventForwarder forwarder =
            FaultHarness.forwarder(FaultHarness.settings(receiver, buffer).build(), status)) {
      mode.accept(receiver);
      List<String> messages = FaultHarness.messages(fault, 200);
      for (String message : messages) {
        assertThat(forwarder.forward(FaultHarness.distinctError(message))).isTrue();
      }
      Poll.until(
          "requests reach the failing receiver",
          Duration.ofSeconds(10),
          () -> receiver.requestTimes().size() >= 2);
      assertThat(forwarder.flush(NOT_DELIVERED_CHECK)).as("nothing can be delivered").isFalse();
      assertThat(receiver.events()).isEmpty();
      int failedRequests = receiver.requestTimes().size();

      receiver.respondHealthy();
      receiver.awaitEvents(messages.size(), ARRIVAL_TIMEOUT);
      assertThat(forwarder.flush(Duration.ofSeconds(20))).isTrue();

      Map<String, Integer> arrivals = FaultHarness.arrivals(receiver);
      assertThat(arrivals.keySet()).containsExactlyInAnyOrderElementsOf(messages);
      assertThat(FaultHarness.duplicates(arrivals)).isZero();
      assertThat(receiver.discardedEvents()).isEmpty();
      FaultHarness.figures(
          fault + ", then healthy",
          "failed requests=" + failedRequests + " delivered=" + arrivals.size() + " lost="
              + (messages.size() - arrivals.size()) + " duplicates="
              + FaultHarness.duplicates(arrivals));
    }
  }
}
