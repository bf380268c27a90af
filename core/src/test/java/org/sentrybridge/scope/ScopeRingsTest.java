package org.sentrybridge.scope;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.IScope;
import io.sentry.Scope;
import io.sentry.SentryOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sentrybridge.event.BreadcrumbRing;
import org.sentrybridge.testing.Poll;

/** The rings of scopes: one per scope however many threads ask at once, gone with their scope. */
class ScopeRingsTest {

  private final SentryOptions options = new SentryOptions();

  @Test
  void threadsAskingAtOnceForTheRingOfOneScopeGetTheSameRingMadeOnce() throws Exception {
    ScopeRings rings = new ScopeRings();
    IScope scope = new Scope(options);
    int threads = 8;
    AtomicInteger makes = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<ScopeRings.Made>> asked = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        asked.add(
            pool.submit(
                () -> {
                  start.await();
                  return rings.getOrMake(
                      scope,
                      () -> {
                        makes.incrementAndGet();
                        return new BreadcrumbRing(10);
                      });
                }));
      }
      start.countDown();
      List<ScopeRings.Made> answers = new ArrayList<>();
      for (Future<ScopeRings.Made> one : asked) {
        answers.add(one.get(10, TimeUnit.SECONDS));
      }

      assertThat(makes.get()).isEqualTo(1);
      assertThat(answers).filteredOn(ScopeRings.Made::made).hasSize(1);
      assertThat(answers).extracting(ScopeRings.Made::ring).containsOnly(rings.get(scope));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aScopeLooksUpOnlyItsOwnRing() {
    ScopeRings rings = new ScopeRings();
    IScope first = new Scope(options);
    IScope second = new Scope(options);
    BreadcrumbRing ring = rings.getOrMake(first, () -> new BreadcrumbRing(10)).ring();

    assertThat(rings.get(first)).isSameAs(ring);
    assertThat(rings.get(second)).isNull();
  }

  @Test
  void theRingOfAScopeThatIsGoneIsLetGo() {
    ScopeRings rings = new ScopeRings();
    rings.getOrMake(new Scope(options), () -> new BreadcrumbRing(10));
    IScope kept = new Scope(options);
    rings.getOrMake(kept, () -> new BreadcrumbRing(10));

    Poll.until(
        "the ring of the unreachable scope is let go",
        Duration.ofSeconds(10),
        () -> {
          System.gc();
          return rings.size() == 1;
        });
    assertThat(rings.get(kept)).isNotNull();
  }
}
