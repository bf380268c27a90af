package org.sentrybridge.scope;

import io.sentry.IScope;
import io.sentry.IScopes;
import io.sentry.ScopeType;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.sentrybridge.event.BreadcrumbRing;

/**
 * One appender's log-line breadcrumbs, kept per Sentry scope: a line belongs to the scope that
 * {@code Sentry.addBreadcrumb} would write to on the logging thread (the isolation scope unless
 * the SDK's {@code defaultScopeType} says otherwise), so an error carries the lines of its own
 * thread or request and never those of another.
 *
 * <p>Adding a line to the SDK's scope ({@code Sentry.addBreadcrumb}) costs a breadcrumb object, a
 * formatted message and a lock per line; here a line is a few references in a lock-free ring found
 * through a per-thread cache of the last scope, and lines are only made into breadcrumbs when an
 * event takes them. Rings are held weakly by their scope: when a request's scope is gone, so are
 * its lines.
 */
public final class ScopeBreadcrumbs {

  /**
   * The last scope this thread looked up and its ring; a null ring (the scope had none) holds only
   * while no ring was made since ({@code made}).
   */
  private static final class Last {
    final WeakReference<IScope> scope;
    final BreadcrumbRing ring;
    final long made;

    Last(IScope scope, BreadcrumbRing ring, long made) {
      this.scope = new WeakReference<>(scope);
      this.ring = ring;
      this.made = made;
    }
  }

  /** Every appender's lines, for errors sent by hand; an appender leaves when it stops. */
  private static final Set<ScopeBreadcrumbs> EVERY_APPENDER =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  private final int capacity;
  private final ScopeRings rings = new ScopeRings();
  private final ThreadLocal<Last> last = new ThreadLocal<>();
  /**
   * The last scope looked up past a thread's own cache, whatever the thread, with its ring (or
   * none, as in {@link Last}): when threads keep logging on the same scope, their lines and errors
   * find the ring here without a thread-local lookup (in a thread with many thread-locals, a lookup
   * often probes past others' entries). Written only when a thread's own cache missed, so lines that
   * find their ring never write shared memory.
   */
  private volatile Last shared;
  /** Rings made so far. */
  private final AtomicLong ringsMade = new AtomicLong();
  private volatile ScopeType writeScope;

  public ScopeBreadcrumbs(int capacity) {
    this.capacity = Math.max(1, capacity);
    EVERY_APPENDER.add(this);
  }

  /** The breadcrumbs of every running appender. */
  static List<ScopeBreadcrumbs> everyAppender() {
    synchronized (EVERY_APPENDER) {
      return new ArrayList<>(EVERY_APPENDER);
    }
  }

  /** Its appender stopped: its lines no longer join errors sent by hand. */
  public void close() {
    EVERY_APPENDER.remove(this);
  }

  /** The ring of the scope the logging thread writes breadcrumbs to; made when missing. */
  public BreadcrumbRing ringFor(IScopes scopes) {
    return ringFor(scopes, true);
  }

  /**
   * The ring of that scope when it has one (or its parent scope has one it inherits), else null:
   * an error does not make a ring.
   */
  public BreadcrumbRing existingRingFor(IScopes scopes) {
    return ringFor(scopes, false);
  }

  private BreadcrumbRing ringFor(IScopes scopes, boolean create) {
    IScope scope = writeScope(scopes);
    Last common = shared;
    if (common != null && common.scope.refersTo(scope)) {
      if (common.ring != null) {
        return common.ring;
      }
      if (!create && common.made == ringsMade.get()) {
        return null;
      }
    }
    Last cached = last.get();
    if (cached != null && cached.scope.get() == scope) {
      if (cached.ring != null) {
        return cached.ring;
      }
      // the scope had no ring: an error on it need not take the lock while none was made since
      // (another thread sharing the scope may have made it)
      if (!create && cached.made == ringsMade.get()) {
        return null;
      }
    }
    // no lock: a thread descheduled while holding one would hold up every other thread's lookup
    long madeBefore = ringsMade.get();
    BreadcrumbRing ring = rings.get(scope);
    if (ring == null) {
      BreadcrumbRing parent = parentRing(scopes, scope);
      if (parent == null && !create) {
        // read before the lookup: a ring made meanwhile makes the next error look again
        Last none = new Last(scope, null, madeBefore);
        shared = none;
        last.set(none);
        return null;
      }
      ScopeRings.Made found =
          rings.getOrMake(
              scope,
              () -> {
                BreadcrumbRing fresh = new BreadcrumbRing(capacity);
                if (parent != null) {
                  // a forked scope starts with its parent's lines, as a cloned SDK scope does
                  fresh.seedFrom(parent);
                }
                return fresh;
              });
      ring = found.ring();
      if (found.made()) {
        ringsMade.incrementAndGet();
      }
    }
    Last now = new Last(scope, ring, 0);
    shared = now;
    last.set(now);
    return ring;
  }

  /** The ring of the scope this one was cloned from, when the scopes were forked. */
  private BreadcrumbRing parentRing(IScopes scopes, IScope scope) {
    IScopes parent = scopes.getParentScopes();
    if (parent == null) {
      return null;
    }
    IScope parentScope = writeScope(parent);
    return parentScope == scope ? null : rings.get(parentScope);
  }

  private IScope writeScope(IScopes scopes) {
    ScopeType type = writeScope;
    if (type == null) {
      // fixed once the SDK is initialised: read it once
      type = scopes.getOptions().getDefaultScopeType();
      writeScope = type;
    }
    switch (type) {
      case CURRENT:
        return scopes.getScope();
      case GLOBAL:
        return scopes.getGlobalScope();
      default:
        return scopes.getIsolationScope();
    }
  }
}
