package org.sentrybridge.scope;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.EventProcessor;
import io.sentry.IScope;
import io.sentry.IScopes;
import io.sentry.Scope;
import io.sentry.Scopes;
import io.sentry.SentryOptions;
import io.sentry.protocol.User;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sentrybridge.event.BreadcrumbRing;
import org.sentrybridge.event.LogLevel;

/**
 * A thread that logs several errors keeps what it read of its scopes between them while no scope
 * changed; every change, reported to scope observers or not, still reaches the next error.
 */
class ScopeSnapshotTest {

  private final SentryOptions options = options();
  private final IScope global = new Scope(options);
  private final IScopes scopes = new Scopes(new Scope(options), new Scope(options), global, "test");
  private final ScopeRebuilder rebuilder = new ScopeRebuilder(scopes);

  @Test
  void whatTheSetterWroteBetweenTwoErrorsReachesTheSecond() {
    IScopes first = rebuilt();
    scopes.getIsolationScope().setTag("step", "two");
    User user = new User();
    user.setId("u-2");
    scopes.getScope().setUser(user);
    IScopes second = rebuilt();
    scopes.getIsolationScope().removeTag("step");
    IScopes third = rebuilt();

    assertThat(first.getIsolationScope().getTags()).doesNotContainKey("step");
    assertThat(second.getIsolationScope().getTags()).containsEntry("step", "two");
    assertThat(second.getScope().getUser().getId()).isEqualTo("u-2");
    assertThat(third.getIsolationScope().getTags()).doesNotContainKey("step");
  }

  @Test
  void changesNoObserverHearsOfReachTheNextErrorToo() {
    IScopes before = rebuilt();
    // written in place and removed, neither reported to scope observers
    scopes.getScope().getContexts().put("cart", Map.of("items", 3));
    IScopes withContext = rebuilt();
    scopes.getScope().removeContexts("cart");
    IScopes withoutContext = rebuilt();
    EventProcessor processor = new EventProcessor() {};
    scopes.getScope().addEventProcessor(processor);
    IScopes withProcessor = rebuilt();

    assertThat(before.getScope().getContexts().get("cart")).isNull();
    assertThat(withContext.getScope().getContexts().get("cart")).isEqualTo(Map.of("items", 3));
    assertThat(withoutContext.getScope().getContexts().get("cart")).isNull();
    assertThat(withProcessor.getScope().getEventProcessors()).containsExactly(processor);
  }

  @Test
  void aChangeMadeByAnotherThreadReachesThisThreadsNextError() throws InterruptedException {
    IScopes before = rebuilt();
    Thread other = new Thread(() -> scopes.getIsolationScope().setTag("shared", "yes"));
    other.start();
    other.join();
    IScopes after = rebuilt();

    assertThat(before.getIsolationScope().getTags()).doesNotContainKey("shared");
    assertThat(after.getIsolationScope().getTags()).containsEntry("shared", "yes");
  }

  @Test
  void aScopeClearedAfterTheErrorLeavesTheErrorItsFingerprint() {
    scopes.getScope().setFingerprint(List.of("checkout", "declined"));
    ScopeSnapshot snapshot = ScopeSnapshot.capture(scopes, null, true);

    scopes.getScope().clear(); // empties the fingerprint list in place

    assertThat(snapshot.scopes(rebuilder, true, true).getScope().getFingerprint())
        .containsExactly("checkout", "declined");
  }

  @Test
  void errorsOnAnUnchangedScopeWithoutLogLinesShareOneSnapshotUntilItChanges() {
    ScopeBreadcrumbs lines = new ScopeBreadcrumbs(10);
    try {
      ScopeSnapshot first = ScopeSnapshot.capture(scopes, lines, true);
      ScopeSnapshot second = ScopeSnapshot.capture(scopes, lines, true);
      scopes.getIsolationScope().setTag("step", "two");
      ScopeSnapshot changed = ScopeSnapshot.capture(scopes, lines, true);

      assertThat(second).isSameAs(first);
      assertThat(changed).isNotSameAs(first);
      assertThat(changed.scopes(rebuilder, true, true).getIsolationScope().getTags())
          .containsEntry("step", "two");
      assertThat(first.scopes(rebuilder, true, true).getIsolationScope().getTags())
          .doesNotContainKey("step");
    } finally {
      lines.close();
    }
  }

  @Test
  void withLogLinesEachErrorKeepsTheLinesBeforeIt() {
    ScopeBreadcrumbs lines = new ScopeBreadcrumbs(10);
    try {
      line(lines, "first line");
      ScopeSnapshot first = ScopeSnapshot.capture(scopes, lines, true);
      line(lines, "second line");
      ScopeSnapshot second = ScopeSnapshot.capture(scopes, lines, true);

      assertThat(messages(first)).containsExactly("first line");
      assertThat(messages(second)).containsExactly("first line", "second line");
    } finally {
      lines.close();
    }
  }

  @Test
  void anErrorSentByHandLeavesTheSnapshotLoggedErrorsShareAsItWas() {
    ScopeBreadcrumbs appender = new ScopeBreadcrumbs(10);
    try {
      ScopeSnapshot logged = ScopeSnapshot.capture(scopes, null, true);
      line(appender, "an appender's line");
      ScopeSnapshot sent = ScopeSnapshot.captureWithEveryAppender(scopes, true);
      ScopeSnapshot loggedAgain = ScopeSnapshot.capture(scopes, null, true);

      assertThat(messages(sent)).containsExactly("an appender's line");
      assertThat(loggedAgain).isSameAs(logged);
      assertThat(logged.logLines()).isEmpty();
    } finally {
      appender.close();
    }
  }

  private void line(ScopeBreadcrumbs lines, String message) {
    lines.ringFor(scopes).add(Instant.now(), LogLevel.INFO, "test", message, null, null);
  }

  private static List<String> messages(ScopeSnapshot snapshot) {
    return snapshot.logLines().stream()
        .map(BreadcrumbRing.Crumb::message)
        .collect(Collectors.toList());
  }

  /** The SDK scopes an error logged now would be captured through. */
  private IScopes rebuilt() {
    return ScopeSnapshot.capture(scopes, null, true).scopes(rebuilder, true, true);
  }

  private static SentryOptions options() {
    SentryOptions options = new SentryOptions();
    options.setDsn("http://key@127.0.0.1:1/1");
    return options;
  }
}
