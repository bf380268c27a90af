package org.sentrybridge.scope;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.IScope;
import io.sentry.IScopes;
import io.sentry.Scope;
import io.sentry.Scopes;
import io.sentry.SentryOptions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sentrybridge.event.BreadcrumbRing;
import org.sentrybridge.event.LogLevel;

/** Log-line breadcrumbs follow the SDK's scopes: per scope, copied into a fork, never shared. */
class ScopeBreadcrumbsTest {

  private final SentryOptions options = options();
  private final IScope global = new Scope(options);
  private final ScopeBreadcrumbs breadcrumbs = new ScopeBreadcrumbs(10);

  @Test
  void aForkedScopeStartsWithItsParentsLinesThenEachKeepsItsOwn() {
    IScopes parent = scopes();
    add(parent, "before the fork");
    IScopes child = parent.forkedScopes("request");

    add(child, "in the request");
    add(parent, "parent after the fork");

    assertThat(lines(child)).containsExactly("before the fork", "in the request");
    assertThat(lines(parent)).containsExactly("before the fork", "parent after the fork");
  }

  @Test
  void unrelatedScopesShareNothingAndAnErrorMakesNoRing() {
    IScopes first = scopes();
    IScopes second = scopes();
    add(first, "first's line");

    assertThat(breadcrumbs.existingRingFor(second)).isNull();
    assertThat(lines(first)).containsExactly("first's line");
  }

  @Test
  void aRingAnotherThreadMadeForASharedScopeReachesThisThreadsNextError()
      throws InterruptedException {
    IScopes shared = scopes();
    assertThat(breadcrumbs.existingRingFor(shared)).isNull();
    Thread worker = new Thread(() -> add(shared, "the worker's line"));
    worker.start();
    worker.join();

    assertThat(lines(shared)).containsExactly("the worker's line");
  }

  @Test
  void threadsAlternatingBetweenTwoScopesKeepEachScopesLinesApart() throws InterruptedException {
    IScopes first = scopes();
    IScopes second = scopes();
    add(first, "first 1");
    Thread other = new Thread(() -> add(second, "second 1"));
    other.start();
    other.join();
    // this thread's scope is no longer the last one another thread looked up
    add(first, "first 2");
    add(second, "second 2");
    add(first, "first 3");

    assertThat(lines(first)).containsExactly("first 1", "first 2", "first 3");
    assertThat(lines(second)).containsExactly("second 1", "second 2");
  }

  @Test
  void anEventTakesOnlyTheLinesBeforeItsMark() {
    IScopes scopes = scopes();
    add(scopes, "before");
    BreadcrumbRing ring = breadcrumbs.existingRingFor(scopes);
    long mark = ring.mark();
    add(scopes, "after");

    assertThat(messages(ring.snapshot(mark, null))).containsExactly("before");
  }

  private IScopes scopes() {
    return new Scopes(new Scope(options), new Scope(options), global, "test");
  }

  private void add(IScopes scopes, String message) {
    breadcrumbs.ringFor(scopes).add(Instant.now(), LogLevel.INFO, "test", message, null, null);
  }

  private List<String> lines(IScopes scopes) {
    return messages(breadcrumbs.existingRingFor(scopes).snapshot());
  }

  private static List<String> messages(List<BreadcrumbRing.Crumb> crumbs) {
    return crumbs.stream().map(BreadcrumbRing.Crumb::message).collect(Collectors.toList());
  }

  private static SentryOptions options() {
    SentryOptions options = new SentryOptions();
    options.setDsn("http://key@127.0.0.1:9/1"); // Scopes require one; nothing is sent here
    return options;
  }
}
