package org.sentrybridge.scope;

import io.sentry.IScope;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.sentrybridge.event.BreadcrumbRing;

/**
 * The breadcrumb rings of Sentry scopes, each held as long as its scope is: a map with weak keys
 * compared by identity, read and written without a lock. Logging threads look a ring up here when
 * they log on a scope they did not log on last (the first line of each request): under a lock, a
 * thread descheduled while holding it made every other request's first line wait.
 */
final class ScopeRings {

  /** A scope, held weakly; equal to another key of the same scope, by identity. */
  private static final class Key extends WeakReference<IScope> {
    private final int hash;

    Key(IScope scope, ReferenceQueue<IScope> queue) {
      super(scope, queue);
      this.hash = System.identityHashCode(scope);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (this == other) {
        return true;
      }
      if (!(other instanceof Key)) {
        return false;
      }
      IScope scope = get();
      return scope != null && scope == ((Key) other).get();
    }
  }

  private final ConcurrentHashMap<Key, BreadcrumbRing> rings = new ConcurrentHashMap<>();
  /** Keys whose scope is gone: removed when a ring is made, so the map holds no dead entries long. */
  private final ReferenceQueue<IScope> gone = new ReferenceQueue<>();

  /** The ring of {@code scope}, or null when it has none. */
  BreadcrumbRing get(IScope scope) {
    return rings.get(new Key(scope, null));
  }

  /**
   * The ring of {@code scope}, made with {@code make} when it has none (by one thread only when
   * several ask at once).
   *
   * @return the ring, and whether this call made it
   */
  Made getOrMake(IScope scope, Supplier<BreadcrumbRing> make) {
    expungeGone();
    boolean[] made = new boolean[1];
    BreadcrumbRing ring =
        rings.computeIfAbsent(
            new Key(scope, gone),
            key -> {
              made[0] = true;
              return make.get();
            });
    return new Made(ring, made[0]);
  }

  /** Rings held now (their scopes may be collected but not yet expunged). */
  int size() {
    expungeGone();
    return rings.size();
  }

  private void expungeGone() {
    for (Object key = gone.poll(); key != null; key = gone.poll()) {
      rings.remove(key);
    }
  }

  /** A ring, and whether it was made by the call that returned it. */
  record Made(BreadcrumbRing ring, boolean made) {}
}
