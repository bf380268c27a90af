package org.sentrybridge.benchmarks;

import io.sentry.ITransaction;
import io.sentry.Sentry;
import io.sentry.TransactionOptions;
import io.sentry.protocol.User;

/**
 * The Sentry scope of a busy web request, put on the calling thread the way an application and a
 * tracing integration fill it: 5 tags, a user, an active transaction, 20 breadcrumbs. The same
 * calls for sentry-bridge and for the official appenders (each on its own SDK version).
 */
public final class ScopeFixture {

  public static final int TAGS = 5;
  public static final int BREADCRUMBS = 20;

  private ScopeFixture() {}

  /** Fills this thread's scope; the returned transaction stays active until finished. */
  public static ITransaction populate() {
    // transactions need sampling on; set here so that both sides' XML stays as documented
    Sentry.getCurrentScopes().getOptions().setTracesSampleRate(1.0);
    for (int i = 0; i < TAGS; i++) {
      Sentry.setTag("tag" + i, "value-" + i);
    }
    User user = new User();
    user.setId("user-42");
    user.setEmail("ann@example.com");
    Sentry.setUser(user);
    TransactionOptions options = new TransactionOptions();
    options.setBindToScope(true);
    ITransaction transaction = Sentry.startTransaction("POST /checkout", "http.server", options);
    for (int i = 0; i < BREADCRUMBS; i++) {
      Sentry.addBreadcrumb("step " + i + " of the checkout");
    }
    return transaction;
  }
}
