package org.sentrybridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sentrybridge.event.LogLevel;
import org.sentrybridge.event.LogRecord;

class ErrorFingerprintTest {

  private static LogRecord record(String logger, String template, Throwable error) {
    return LogRecord.builder(LogLevel.ERROR, logger).message(template, template)
        .throwable(error).build();
  }

  private static IllegalStateException thrownHere() {
    return new IllegalStateException("a message that is not part of the fingerprint");
  }

  @Test
  void theSameErrorFromTheSamePlaceHasTheSameFingerprint() {
    ErrorFingerprint one = ErrorFingerprint.of(record("a.B", "failed {}", thrownHere()), null, null);
    ErrorFingerprint two = ErrorFingerprint.of(record("a.B", "failed {}", thrownHere()), null, null);

    assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
    assertThat(one.exceptionType()).isEqualTo(IllegalStateException.class.getName());
    // the first frame outside the JDK, the logging frameworks, the SDK and sentry-bridge
    assertThat(one.topFrame().getClassName())
        .doesNotStartWith("java.").doesNotStartWith("jdk.").doesNotStartWith("org.sentrybridge.")
        .doesNotStartWith("org.junit.");
  }

  @Test
  void typeLoggerTemplateOrPlaceMakeADifferentError() {
    ErrorFingerprint base = ErrorFingerprint.of(record("a.B", "failed", thrownHere()), null, null);

    assertThat(ErrorFingerprint.of(record("a.C", "failed", thrownHere()), null, null))
        .isNotEqualTo(base);
    assertThat(ErrorFingerprint.of(record("a.B", "other", thrownHere()), null, null))
        .isNotEqualTo(base);
    assertThat(ErrorFingerprint.of(record("a.B", "failed", new RuntimeException()), null, null))
        .isNotEqualTo(base);
    assertThat(ErrorFingerprint.of(record("a.B", "failed", null), null, null)).isNotEqualTo(base);
  }

  @Test
  void theTopFrameOfTheSameThrowableIsReused() {
    IllegalStateException error = thrownHere();
    ErrorFingerprint first = ErrorFingerprint.of(record("a.B", "x", error), null, null);
    error.setStackTrace(new StackTraceElement[0]); // a second read would find no frame

    ErrorFingerprint again = ErrorFingerprint.of(record("a.B", "x", error), first, error);

    assertThat(again.topFrame()).isEqualTo(first.topFrame());
  }

  @Test
  void theSameThrowableLoggedTheSameWayKeepsTheSameFingerprintInstance() {
    IllegalStateException error = thrownHere();
    ErrorFingerprint first = ErrorFingerprint.of(record("a.B", "x", error), null, null);

    assertThat(ErrorFingerprint.of(record("a.B", "x", error), first, error)).isSameAs(first);
    ErrorFingerprint otherTemplate = ErrorFingerprint.of(record("a.B", "y", error), first, error);
    assertThat(otherTemplate).isNotEqualTo(first);
    assertThat(otherTemplate.topFrame()).isEqualTo(first.topFrame());
  }

  @Test
  void equalFingerprintsHaveEqualHashes() {
    StackTraceElement frame = new StackTraceElement("a.B", "run", "B.java", 7);
    ErrorFingerprint one =
        new ErrorFingerprint("java.lang.IllegalStateException", frame, "a.B", "x");
    ErrorFingerprint two =
        new ErrorFingerprint(
            "java.lang.IllegalStateException",
            new StackTraceElement("a.B", "run", "B.java", 7),
            "a.B",
            "x");

    assertThat(two).isEqualTo(one).hasSameHashCodeAs(one);
    assertThat(new ErrorFingerprint(null, null, "a.B", "x"))
        .isNotEqualTo(one)
        .isEqualTo(new ErrorFingerprint(null, null, "a.B", "x"));
  }
}
