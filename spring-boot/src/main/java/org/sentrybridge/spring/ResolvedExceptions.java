package org.sentrybridge.spring;

import io.sentry.EventProcessor;
import io.sentry.Hint;
import io.sentry.IScopes;
import io.sentry.SentryEvent;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The exceptions {@link SentryExceptionResolver} sent, so that the servlet container's log line
 * about the same exception (often wrapped in a {@code ServletException}) is not sent again. An
 * event processor of the SDK: the first event of such an exception (the resolver's, queued first)
 * passes, later ones are dropped. Held weakly: an exception nobody refers to any more is
 * forgotten.
 */
final class ResolvedExceptions implements EventProcessor {

  static final ResolvedExceptions INSTANCE = new ResolvedExceptions();

  /** Exception → whether its first event went out; identity, as Throwable does not override equals. */
  private final Map<Throwable, Boolean> sent = Collections.synchronizedMap(new WeakHashMap<>());

  private ResolvedExceptions() {}

  /** Remembers an exception the resolver sends; makes sure the SDK runs this processor. */
  void add(Throwable error, IScopes scopes) {
    sent.put(error, Boolean.FALSE);
    if (!scopes.getOptions().getEventProcessors().contains(this)) {
      synchronized (this) {
        if (!scopes.getOptions().getEventProcessors().contains(this)) {
          scopes.getOptions().addEventProcessor(this);
        }
      }
    }
  }

  @Override
  public SentryEvent process(SentryEvent event, Hint hint) {
    Throwable error = event.getThrowable();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable current = error; current != null && seen.add(current); current = current.getCause()) {
      synchronized (sent) {
        Boolean delivered = sent.get(current);
        if (delivered == null) {
          continue;
        }
        if (delivered) {
          return null; // the container's line about an exception the resolver sent
        }
        sent.put(current, Boolean.TRUE);
        return event;
      }
    }
    return event;
  }
}
