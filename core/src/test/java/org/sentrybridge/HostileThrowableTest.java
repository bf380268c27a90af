package org.sentrybridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.SentryEvent;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryId;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.RecordingStatusReporter;

/**
 * An exception whose own getters throw is still sent, its failing parts replaced by a marker: the
 * SDK's exception factory calls them on the delivery thread.
 */
class HostileThrowableTest {

  @TempDir Path buffer;

  /** getMessage() throws what a broken class path or an assertion throws. */
  static final class MessageFails extends IllegalStateException {
    private final Throwable thrown;

    MessageFails(Throwable thrown, Throwable cause) {
      super("unused", cause);
      this.thrown = thrown;
    }

    @Override
    public String getMessage() {
      if (thrown instanceof Error) {
        throw (Error) thrown;
      }
      throw (RuntimeException) thrown;
    }
  }

  /** getStackTrace() and toString() throw. */
  static final class FramesFail extends RuntimeException {
    FramesFail(String message) {
      super(message);
    }

    @Override
    public StackTraceElement[] getStackTrace() {
      throw new AssertionError("no frames today");
    }

    @Override
    public String toString() {
      throw new NoClassDefFoundError("com/example/Gone");
    }
  }

  @Test
  void sendErrorWithThrowingGettersArrivesWithMarkersTypesAndCauses() {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        SentryService service =
            SentryBridge.start(
                BridgeSettings.builder().dsn(receiver.dsn()).bufferDir(buffer).build(),
                new RecordingStatusReporter())) {

      SentryId first =
          service.sendError(
              new MessageFails(
                  new NoClassDefFoundError("com/example/Gone"),
                  new IllegalArgumentException("the real cause")));
      SentryId second = service.sendError(new MessageFails(new AssertionError("no"), null));
      SentryId third = service.sendError(new FramesFail("frames fail"));

      SentryEvent withCause = receiver.awaitEvent(e -> first.equals(e.getEventId()), WAIT);
      assertThat(withCause.getExceptions())
          .extracting(SentryException::getType, SentryException::getModule, SentryException::getValue)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "IllegalArgumentException", "java.lang", "the real cause"),
              org.assertj.core.groups.Tuple.tuple(
                  "HostileThrowableTest$MessageFails", "org.sentrybridge", "[FAILED getMessage()]"));
      SentryException top = withCause.getExceptions().get(1);
      assertThat(top.getMechanism().getType()).isEqualTo("sentry-bridge");
      assertThat(top.getMechanism().isHandled()).isTrue();
      assertThat(top.getStacktrace().getFrames())
          .anySatisfy(f -> assertThat(f.getFunction()).isEqualTo(
              "sendErrorWithThrowingGettersArrivesWithMarkersTypesAndCauses"));
      assertThat(withCause.getExceptions().get(0).getMechanism().getType()).isEqualTo("chained");

      SentryEvent assertion = receiver.awaitEvent(e -> second.equals(e.getEventId()), WAIT);
      assertThat(assertion.getExceptions())
          .extracting(SentryException::getValue)
          .containsExactly("[FAILED getMessage()]");

      SentryEvent noFrames = receiver.awaitEvent(e -> third.equals(e.getEventId()), WAIT);
      assertThat(noFrames.getExceptions()).singleElement().satisfies(e -> {
        assertThat(e.getType()).isEqualTo("HostileThrowableTest$FramesFail");
        assertThat(e.getValue()).isEqualTo("frames fail");
        assertThat(e.getStacktrace()).isNull();
      });
    }
  }

  private static final Duration WAIT = Duration.ofSeconds(20);
}
