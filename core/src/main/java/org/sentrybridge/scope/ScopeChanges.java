package org.sentrybridge.scope;

import io.sentry.Attachment;
import io.sentry.Breadcrumb;
import io.sentry.IScope;
import io.sentry.ScopeObserverAdapter;
import io.sentry.SentryLevel;
import io.sentry.SentryOptions;
import io.sentry.SpanContext;
import io.sentry.protocol.Contexts;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryId;
import io.sentry.protocol.User;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the changes made to any Sentry scope of the SDK, as its scope observer: while the count
 * stays the same, what a scope's setters wrote (tags, user, breadcrumbs, attachments, level,
 * request, fingerprint, transaction, trace, replay id) is what it was, so a logging thread can keep
 * what it read for its last error instead of copying it again. What the SDK does not report to
 * observers (the active span, extras and contexts changed in place, event processors, a bound
 * client) is read again for every error ({@link ScopeState#refreshed}).
 */
final class ScopeChanges extends ScopeObserverAdapter {

  private static final ScopeChanges OBSERVER = new ScopeChanges();
  /** A sum that only grows; adding is cheap on every thread, reading is a few field reads. */
  private static final LongAdder CHANGES = new LongAdder();
  /** The SDK options this observer is registered with. */
  private static volatile SentryOptions watched;

  private ScopeChanges() {}

  /**
   * The count of scope changes so far, or -1 when the changes of these scopes are not counted (they
   * belong to another SDK instance than the one watched, and it cannot be watched). Read it before
   * reading the scopes: a change that ends after the read makes a later count differ.
   */
  static long count(IScope current, IScope isolation) {
    SentryOptions options = watched;
    if (current.getOptions() != options || isolation.getOptions() != options) {
      if (current.getOptions() != isolation.getOptions() || !watch(current.getOptions())) {
        return -1;
      }
    }
    return CHANGES.sum();
  }

  private static synchronized boolean watch(SentryOptions options) {
    if (options == watched) {
      return true;
    }
    try {
      if (!options.getScopeObservers().contains(OBSERVER)) {
        options.addScopeObserver(OBSERVER);
      }
    } catch (RuntimeException e) {
      return false;
    }
    // what was kept for the scopes of the SDK watched before is not known to be the same
    CHANGES.increment();
    watched = options;
    return true;
  }

  private static void changed() {
    CHANGES.increment();
  }

  @Override
  public void setUser(User user) {
    changed();
  }

  @Override
  public void addBreadcrumb(Breadcrumb crumb) {
    changed();
  }

  @Override
  public void setBreadcrumbs(Collection<Breadcrumb> breadcrumbs) {
    changed();
  }

  @Override
  public void setTag(String key, String value) {
    changed();
  }

  @Override
  public void removeTag(String key) {
    changed();
  }

  @Override
  public void setTags(Map<String, String> tags) {
    changed();
  }

  @Override
  public void setExtra(String key, String value) {
    changed();
  }

  @Override
  public void removeExtra(String key) {
    changed();
  }

  @Override
  public void setExtras(Map<String, Object> extras) {
    changed();
  }

  @Override
  public void setRequest(Request request) {
    changed();
  }

  @Override
  public void setFingerprint(Collection<String> fingerprint) {
    changed();
  }

  @Override
  public void setLevel(SentryLevel level) {
    changed();
  }

  @Override
  public void setContexts(Contexts contexts) {
    changed();
  }

  @Override
  public void setTransaction(String transaction) {
    changed();
  }

  @Override
  public void setTrace(SpanContext spanContext, IScope scope) {
    changed();
  }

  @Override
  public void setReplayId(SentryId replayId) {
    changed();
  }

  @Override
  public void addAttachment(Attachment attachment) {
    changed();
  }

  @Override
  public void clearAttachments() {
    changed();
  }
}
