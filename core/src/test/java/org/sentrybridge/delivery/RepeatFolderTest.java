package org.sentrybridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.sentry.Scope;
import io.sentry.Scopes;
import io.sentry.SentryOptions;
import io.sentry.protocol.User;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.LogLevel;
import org.sentrybridge.event.LogRecord;
import org.sentrybridge.scope.ScopeSnapshot;

/** Repeat counts are never lost, whatever ends a window, and users are never folded together. */
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
    assertThat(due).extracting(f -> f.repeats()).containsExactly(2L);
  }

  @Test
  void aFlushSendsTheCountSoFarAndRepeatsAfterItStayFoldedInTheSameWindow() {
    RepeatFolder folder = new RepeatFolder(WINDOW, 100);
    assertThat(folder.admit(error("a"), 0)).isTrue();
    assertThat(folder.admit(error("a"), 10)).isFalse();
    assertThat(folder.admit(error("a"), 20)).isFalse();

    assertThat(folder.flush(30)).extracting(f -> f.repeats()).containsExactly(2L);
    assertThat(folder.nanosUntilNextClose(31)).as("nothing counted since the flush").isEqualTo(-1);
    assertThat(folder.flush(32)).as("nothing new to summarise").isEmpty();

    assertThat(folder.admit(error("a"), 40)).as("still the same window").isFalse();
    assertThat(folder.close(WINDOW, false)).extracting(f -> f.repeats()).containsExactly(1L);
    assertThat(folder.admit(error("a"), WINDOW + 1)).as("a new window").isTrue();
  }

  @Test
  void aFlushStartsTheCountOfUsersBeyondTheBoundAfresh() {
    RepeatFolder folder = new RepeatFolder(WINDOW, 100, 1);
    assertThat(folder.admit(errorOf("u1"), 0)).isTrue();
    assertThat(folder.admit(errorOf("u2"), 1)).as("first of the others").isTrue();
    assertThat(folder.admit(errorOf("u3"), 2)).isFalse();
    assertThat(folder.admit(errorOf("u4"), 3)).isFalse();
    assertThat(folder.flush(4))
        .extracting(f -> f.repeats(), f -> f.users())
        .containsExactly(tuple(2L, 2));

    assertThat(folder.admit(errorOf("u3"), 5)).isFalse();
    assertThat(folder.close(6, true))
        .extracting(f -> f.repeats(), f -> f.users())
        .containsExactly(tuple(1L, 1));
  }

  @Test
  void aWindowClosedEarlyForRoomStillSendsItsCount() {
    RepeatFolder folder = new RepeatFolder(WINDOW, 1);
    folder.admit(error("a"), 0);
    folder.admit(error("a"), 1);
    assertThat(folder.admit(error("b"), 2)).isTrue();

    assertThat(folder.nanosUntilNextClose(3)).isZero();
    assertThat(folder.close(3, false)).extracting(f -> f.repeats()).containsExactly(1L);
  }

  @Test
  void errorsOfDifferentUsersAreNeverFoldedIntoOneAnother() {
    RepeatFolder folder = new RepeatFolder(WINDOW, 100);
    assertThat(folder.admit(errorOf("u1"), 0)).isTrue();
    assertThat(folder.admit(errorOf("u2"), 1)).as("another user: an event of its own").isTrue();
    assertThat(folder.admit(errorOf(null), 2)).as("no user: a window of its own").isTrue();
    assertThat(folder.admit(errorOf("u1"), 3)).isFalse();
    assertThat(folder.admit(errorOf("u1"), 4)).isFalse();
    assertThat(folder.admit(errorOf(null), 5)).isFalse();

    List<RepeatFolder.Folded> due = folder.close(6, true);
    assertThat(due)
        .extracting(f -> f.latest().userKey(), f -> f.repeats(), f -> f.users())
        .containsExactlyInAnyOrder(
            tuple("id=u1", 2L, 1),
            tuple(null, 1L, 0));
  }

  @Test
  void usersBeyondTheBoundShareOneWindowWhoseSummaryCountsRepeatsAndUsersExactly() {
    RepeatFolder folder = new RepeatFolder(WINDOW, 100, 3);
    long now = 0;
    int sentAtOnce = 0;
    // users u0..u9, each twice: u0..u2 get their own windows, u3..u9 share one
    for (int round = 0; round < 2; round++) {
      for (int user = 0; user < 10; user++) {
        if (folder.admit(errorOf("u" + user), now++)) {
          sentAtOnce++;
        }
      }
    }
    assertThat(sentAtOnce).as("u0, u1, u2, and the first of the others (u3)").isEqualTo(4);

    List<RepeatFolder.Folded> due = folder.close(now, true);
    assertThat(due).hasSize(4);
    assertThat(due).filteredOn(f -> f.repeats() == 1).hasSize(3).allMatch(f -> f.users() == 1);
    RepeatFolder.Folded others = due.stream().filter(f -> f.repeats() > 1).findFirst().get();
    // u4..u9 once and u3..u9 again: 13 occurrences of 7 users besides u3's first
    assertThat(others.repeats()).isEqualTo(13);
    assertThat(others.users()).isEqualTo(7);
    assertThat(others.moreUsers()).isFalse();
    long occurrences = sentAtOnce + due.stream().mapToLong(f -> f.repeats()).sum();
    assertThat(occurrences).isEqualTo(20);
  }

  @Test
  void aUserWhoseWindowEndedGetsANewOneWithinTheBound() {
    RepeatFolder folder = new RepeatFolder(WINDOW, 100, 1);
    assertThat(folder.admit(errorOf("u1"), 0)).isTrue();
    assertThat(folder.admit(errorOf("u2"), 1)).as("beyond the bound: first of the others").isTrue();
    assertThat(folder.admit(errorOf("u1"), WINDOW)).as("u1's window ended").isTrue();
    assertThat(folder.admit(errorOf("u3"), WINDOW)).as("u2's shared window still open").isFalse();
  }

  private static Submission errorOf(String userId) {
    LogRecord.Builder record =
        LogRecord.builder(LogLevel.ERROR, "com.example.Service")
            .message("checkout failed", "checkout failed")
            .throwable(sameThrowable());
    if (userId != null) {
      record.contextData(Map.of("userId", userId, "request", "r-" + userId));
    }
    return Submission.ofLog(record.build(), USER_RULES, ScopeSnapshot.withoutScope(null), null, true);
  }

  @Test
  void errorsOfDifferentScopeUsersAreNotFoldedTogether() {
    RepeatFolder folder = new RepeatFolder(WINDOW, 100);
    assertThat(folder.admit(errorOfScopeUser("u1"), 0)).isTrue();
    assertThat(folder.admit(errorOfScopeUser("u2"), 1)).as("another Sentry user").isTrue();
    assertThat(folder.admit(errorOfScopeUser("u1"), 2)).as("u1 again, in its window").isFalse();
  }

  /** The same error, logged on a thread whose Sentry scope holds this user (no userMdcKeys). */
  private static Submission errorOfScopeUser(String userId) {
    SentryOptions options = new SentryOptions();
    options.setDsn("http://key@127.0.0.1:1/1"); // the SDK's scopes want one; nothing is sent
    Scope current = new Scope(options);
    User user = new User();
    user.setId(userId);
    current.setUser(user);
    Scopes scopes = new Scopes(current, new Scope(options), new Scope(options), "test");
    LogRecord record =
        LogRecord.builder(LogLevel.ERROR, "com.example.Service")
            .message("checkout failed", "checkout failed")
            .throwable(sameThrowable())
            .build();
    return Submission.ofLog(record, RULES, ScopeSnapshot.capture(scopes, null, true), null, true);
  }

  private static final CaptureRules USER_RULES =
      CaptureRules.builder("test").userMdcKey("id", "userId").build();

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
