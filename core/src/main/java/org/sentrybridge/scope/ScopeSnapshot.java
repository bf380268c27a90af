package org.sentrybridge.scope;

import io.sentry.CombinedScopeView;
import io.sentry.IScope;
import io.sentry.IScopes;
import io.sentry.ISpan;
import io.sentry.PropagationContext;
import io.sentry.SentryEvent;
import io.sentry.SpanContext;
import io.sentry.SpanDataConvention;
import io.sentry.SpanId;
import io.sentry.TransactionContext;
import io.sentry.protocol.SentryId;
import io.sentry.protocol.User;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.sentrybridge.event.BreadcrumbRing;

/**
 * The logging thread's Sentry scope at the moment an error was logged, taken on that thread and
 * turned into the event's scope on the delivery thread, so the event comes out as if {@code
 * Sentry.captureEvent} had been called where and when the error was logged: the current and
 * isolation scope as they were (the global scope, shared by the whole process, as it is when the
 * event is sent), the active span's trace context or else the scope's propagation context, and the
 * scope's log-line breadcrumbs up to that moment.
 */
public final class ScopeSnapshot {

  private static final ScopeSnapshot NONE = new ScopeSnapshot(null, null, null, 0, null, null, null);

  private final ScopeState current;
  private final ScopeState isolation;
  private final BreadcrumbRing ring;
  private final long ringMark;
  private final String ringTraceId;
  private final String traceId;
  private final String spanId;
  /** Further rings and their marks (an error sent by hand takes every appender's lines). */
  private BreadcrumbRing[] moreRings;
  private long[] moreMarks;

  private ScopeSnapshot(
      ScopeState current,
      ScopeState isolation,
      BreadcrumbRing ring,
      long ringMark,
      String ringTraceId,
      String traceId,
      String spanId) {
    this.current = current;
    this.isolation = isolation;
    this.ring = ring;
    this.ringMark = ringMark;
    this.ringTraceId = ringTraceId;
    this.traceId = traceId;
    this.spanId = spanId;
  }

  /**
   * Takes the scope of the calling thread, the thread that logged. With {@code full} false only
   * the trace (linking an error to its trace is not metadata).
   */
  public static ScopeSnapshot capture(IScopes scopes, ScopeBreadcrumbs breadcrumbs, boolean full) {
    if (!full) {
      return new ScopeSnapshot(
          ScopeState.traceOf(scopes.getScope()),
          ScopeState.traceOf(scopes.getIsolationScope()),
          null, 0, null, null, null);
    }
    IScope currentScope = scopes.getScope();
    IScope isolationScope = scopes.getIsolationScope();
    // read before the scopes: a change that ends while they are read makes the next count differ
    long changes = ScopeChanges.count(currentScope, isolationScope);
    ScopeState current;
    ScopeState isolation;
    Read last = changes < 0 ? null : LAST_READ.get().get();
    if (last != null
        && last.changes == changes
        && last.currentScope == currentScope
        && last.isolationScope == isolationScope) {
      // no scope was written since this thread's last error: keep what was copied then
      current = last.current.refreshed(currentScope);
      isolation = last.isolation.refreshed(isolationScope);
      last.current = current;
      last.isolation = isolation;
    } else {
      current = ScopeState.of(currentScope);
      isolation = ScopeState.of(isolationScope);
      last = null;
      if (changes >= 0) {
        last = new Read(changes, currentScope, isolationScope, current, isolation);
        LAST_READ.set(new WeakReference<>(last));
      }
    }
    BreadcrumbRing ring = breadcrumbs == null ? null : breadcrumbs.existingRingFor(scopes);
    if (ring != null) {
      return new ScopeSnapshot(current, isolation, ring, ring.mark(), null, null, null);
    }
    if (last == null) {
      return new ScopeSnapshot(current, isolation, null, 0, null, null, null);
    }
    // no log lines and nothing read differs from the last error's: that snapshot (immutable)
    // serves again, so an error on an unchanged scope allocates nothing here
    ScopeSnapshot same = last.snapshot;
    if (same == null || same.current != current || same.isolation != isolation) {
      same = new ScopeSnapshot(current, isolation, null, 0, null, null, null);
      last.snapshot = same;
    }
    return same;
  }

  /**
   * What a thread read of its scopes for its last error, and the count of scope changes then. Held
   * weakly: a thread that logs no more errors keeps no request's scope alive.
   */
  private static final class Read {
    final long changes;
    final IScope currentScope;
    final IScope isolationScope;
    ScopeState current;
    ScopeState isolation;
    /** The last snapshot made of these states without log lines; null when none yet. */
    ScopeSnapshot snapshot;

    Read(
        long changes,
        IScope currentScope,
        IScope isolationScope,
        ScopeState current,
        ScopeState isolation) {
      this.changes = changes;
      this.currentScope = currentScope;
      this.isolationScope = isolationScope;
      this.current = current;
      this.isolation = isolation;
    }
  }

  private static final WeakReference<Read> NOTHING_READ = new WeakReference<>(null);
  private static final ThreadLocal<WeakReference<Read>> LAST_READ =
      ThreadLocal.withInitial(() -> NOTHING_READ);

  /**
   * Takes the scope of the calling thread for an error sent by hand: with the log lines every
   * appender kept for that scope.
   */
  public static ScopeSnapshot captureWithEveryAppender(IScopes scopes, boolean full) {
    ScopeSnapshot read = capture(scopes, null, full);
    if (!full) {
      return read;
    }
    List<BreadcrumbRing> rings = new ArrayList<>();
    for (ScopeBreadcrumbs appender : ScopeBreadcrumbs.everyAppender()) {
      BreadcrumbRing ring = appender.existingRingFor(scopes);
      if (ring != null) {
        rings.add(ring);
      }
    }
    if (rings.isEmpty()) {
      return read;
    }
    // a snapshot of its own: the one capture returned may be shared with earlier errors
    ScopeSnapshot snapshot =
        new ScopeSnapshot(
            read.current, read.isolation, read.ring, read.ringMark, read.ringTraceId,
            read.traceId, read.spanId);
    snapshot.moreRings = rings.toArray(new BreadcrumbRing[0]);
    snapshot.moreMarks = new long[rings.size()];
    for (int i = 0; i < rings.size(); i++) {
      snapshot.moreMarks[i] = snapshot.moreRings[i].mark();
    }
    return snapshot;
  }

  /** No scope was read (scope capture switched off): the lines of {@code ring}, if any. */
  public static ScopeSnapshot withoutScope(BreadcrumbRing ring) {
    return ring == null ? NONE : new ScopeSnapshot(null, null, ring, ring.mark(), null, null, null);
  }

  /**
   * Logged through an asynchronous appender: the scope could not be read, only the trace and span
   * id the logging thread left in the log event (either may be null), and the lines of {@code ring}
   * kept under {@code lineOwner} (none when null).
   */
  public static ScopeSnapshot ofTraceIds(
      String traceId, String spanId, BreadcrumbRing ring, String lineOwner) {
    boolean linked = lineOwner != null && ring != null;
    return new ScopeSnapshot(
        null, null, linked ? ring : null, linked ? ring.mark() : 0, lineOwner, traceId, spanId);
  }

  /** The log lines that became breadcrumbs of this scope before the error, oldest first. */
  /**
   * The Sentry user of the logging thread's scope (the current scope's, else the isolation
   * scope's), as the event will carry it; null when neither held one.
   */
  public User user() {
    User user = current == null ? null : current.user();
    if (user == null && isolation != null) {
      user = isolation.user();
    }
    return user;
  }

  public List<BreadcrumbRing.Crumb> logLines() {
    List<BreadcrumbRing.Crumb> lines =
        ring == null ? Collections.emptyList() : ring.snapshot(ringMark, ringTraceId);
    if (moreRings == null) {
      return lines;
    }
    List<BreadcrumbRing.Crumb> all = new ArrayList<>(lines);
    for (int i = 0; i < moreRings.length; i++) {
      all.addAll(moreRings[i].snapshot(moreMarks[i], null));
    }
    all.sort(Comparator.comparing(BreadcrumbRing.Crumb::timestamp));
    return all;
  }

  /**
   * The scopes to capture the event through: the scope as it was when the error was logged, made
   * into real SDK scopes again, with the live global scope (which holds the client). A scope that
   * held nothing but its trace needs no scope of its own: {@code rebuilder} lends its pair of empty
   * scopes, set to that trace, unless {@code ownCopy} asks for scopes of this event's own.
   */
  public IScopes scopes(ScopeRebuilder rebuilder, boolean full, boolean ownCopy) {
    PropagationContext currentTrace = propagationOf(current);
    PropagationContext isolationTrace =
        isolation != null ? isolation.propagation : currentTrace;
    boolean onlyTrace =
        !full
            || ((current == null || current.holdsOnlyTrace())
                && (isolation == null || isolation.holdsOnlyTrace()));
    if (onlyTrace) {
      if (ownCopy) {
        return rebuilder.fresh(
            currentTrace,
            current == null ? null : current.span,
            isolationTrace,
            isolation == null ? null : isolation.span);
      }
      return rebuilder.lend(
          currentTrace,
          current == null ? null : current.span,
          isolationTrace,
          isolation == null ? null : isolation.span);
    }
    return rebuilder.rebuild(current, isolation, currentTrace, isolationTrace);
  }

  /**
   * The propagation context of a scope: its own, or one made from the trace ids the logging thread
   * left (behind async appenders), or a new one when nothing was read.
   */
  private PropagationContext propagationOf(ScopeState state) {
    if (state != null) {
      return state.propagation;
    }
    if (traceId != null) {
      try {
        return new PropagationContext(
            new SentryId(traceId),
            spanId != null && !spanId.isEmpty() ? new SpanId(spanId) : new SpanId(),
            null,
            null,
            null);
      } catch (IllegalArgumentException notAnId) {
        // a value someone else put under the key: not a trace to continue
      }
    }
    return new PropagationContext();
  }

  /**
   * Puts the trace context on the event before the SDK would, so that it describes the logging
   * thread: the active span's own context, or one made from the propagation context of the scope
   * the SDK writes to (made by the SDK on the delivery thread, it would name that thread). {@code
   * scopes} are those {@link #scopes} returned. Does nothing when the SDK links the exception to a
   * span of its own.
   */
  public void applyTrace(
      SentryEvent event, IScopes scopes, String threadName, long threadId, boolean metadata) {
    scopes.getGlobalScope().assignTraceContext(event);
    if (event.getContexts().getTrace() != null) {
      return;
    }
    IScope combined =
        new CombinedScopeView(scopes.getGlobalScope(), scopes.getIsolationScope(), scopes.getScope());
    SpanContext trace;
    if (traceId != null) {
      trace = fromIds(traceId, spanId);
      if (trace == null) {
        return;
      }
    } else {
      ISpan span = combined.getSpan();
      if (span != null) {
        event.getContexts().setTrace(span.getSpanContext());
        return;
      }
      trace = TransactionContext.fromPropagationContext(combined.getPropagationContext());
    }
    // made here, on the delivery thread: describe the thread that logged instead
    trace.getData().remove(SpanDataConvention.THREAD_ID);
    trace.getData().remove(SpanDataConvention.THREAD_NAME);
    if (metadata && threadName != null) {
      trace.setData(SpanDataConvention.THREAD_NAME, threadName);
      if (threadId != 0) {
        trace.setData(SpanDataConvention.THREAD_ID, String.valueOf(threadId));
      }
    }
    event.getContexts().setTrace(trace);
  }

  private static SpanContext fromIds(String traceId, String spanId) {
    try {
      SpanId span = spanId != null && !spanId.isEmpty() ? new SpanId(spanId) : new SpanId();
      return new SpanContext(new SentryId(traceId), span, "default", null, null);
    } catch (IllegalArgumentException notAnId) {
      return null;
    }
  }
}
