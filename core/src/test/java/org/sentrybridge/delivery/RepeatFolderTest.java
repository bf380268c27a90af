package org.sentrybridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.LogLevel;
import org.sentrybridge.event.LogRecord;
import org.sentrybridge.scope.ScopeSnapshot;

/** Repeat counts are never lost, whatever ends a window. */
class RepeatFolderTest {

  private static final long WINDOW = 1_000;
  private static final CaptureRules RULES = CaptureRules.builder("test").build();

  @Test
  void aWindowThatEndsWhileTheErrorKeepsComingStillSendsItsCount() {
    RepeatFolder folder = new RepeatFolder(WINDOW, 100);
    assertThat(folder.admit(error("a"), 0)).isTrue();
    assertThat(folder.admit(error("a"), 10)).isFalse();
    assertThat(folder.admit(error("a"), 20)).isFalse();

    // the next occurrence comes after the window, before anything closed it
    assertThat(folder.admit(error("a"), WINDOW + 5)).isTrue();

    List<RepeatFolder.Folded> due = folder.close(WINDOW + 6, false);
    assertThat(due).extracting(f -> f.repeats).containsExactly(2L);
  }

  @Test
  void aWindowClosedEarlyForRoomStillSendsItsCount() {
    RepeatFolder folder = new RepeatFolder(WINDOW, 1);
    folder.admit(error("a"), 0);
    folder.admit(error("a"), 1);
    assertThat(folder.admit(error("b"), 2)).isTrue();

    assertThat(folder.nanosUntilNextClose(3)).isZero();
    assertThat(folder.close(3, false)).extracting(f -> f.repeats).containsExactly(1L);
  }

  private static Submission error(String template) {
    LogRecord record =
        LogRecord.builder(LogLevel.ERROR, "com.example.Service")
            .message(template, template)
            .throwable(sameThrowable())
            .build();
    return Submission.ofLog(record, RULES, ScopeSnapshot.withoutScope(null), null, true);
  }

  private static Throwable sameThrowable() {
    return new IllegalStateException("failed");
  }
}
