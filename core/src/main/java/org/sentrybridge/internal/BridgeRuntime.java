package org.sentrybridge.internal;

import java.util.ArrayList;
import java.util.List;
import org.sentrybridge.SentryService;
import org.sentrybridge.StatusReporter;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.config.Dsns;

/**
 * The one integration of this process. Every appender (and application code) takes a {@link
 * Lease}; the first starts the engine, the last to close stops it. A later start with another DSN
 * is reported and joins the running engine: there is one Sentry per process.
 */
public final class BridgeRuntime {

  private static final Object LOCK = new Object();
  private static Engine engine;
  private static final List<Lease> leases = new ArrayList<>();

  /** The handle {@link #shared()} took because nothing was running. */
  private static Lease defaultLease;

  private BridgeRuntime() {}

  /**
   * The shared view of the running integration. When nothing runs yet, starts one from the SDK's
   * usual sources (system properties, {@code SENTRY_*} variables, {@code sentry.properties}); an
   * appender or {@link #acquire} that starts later with its own settings takes over from it.
   */
  public static SentryService shared() {
    synchronized (LOCK) {
      if (engine == null && defaultLease == null) {
        defaultLease = (Lease) acquire(BridgeSettings.builder().build(), StatusReporter.stderr());
      }
    }
    return SharedService.INSTANCE;
  }

  /** The shared view when something runs (enabled or without DSN); null otherwise. */
  public static SentryService find() {
    synchronized (LOCK) {
      return engine == null ? null : SharedService.INSTANCE;
    }
  }

  static void releaseDefault() {
    Lease lease;
    synchronized (LOCK) {
      lease = defaultLease;
      defaultLease = null;
    }
    if (lease != null) {
      lease.close();
    }
  }

  /** Takes a handle on the integration, starting it if this is the first. Never throws. */
  public static SentryService acquire(BridgeSettings settings, StatusReporter reporter) {
    if (!settings.enabled()) {
      reporter.info("sentry-bridge is turned off (enabled=false)");
      return NoOpService.INSTANCE;
    }
    synchronized (LOCK) {
      if (engine != null && onlyTheDefaultHolds()) {
        // only SentryBridge.service() started it, from defaults: explicit settings take over
        Engine defaults = engine;
        leases.clear();
        engine = null;
        defaults.shutdown(reporter, System.nanoTime() + defaults.settings().flushTimeout().toNanos());
        engine = Engine.start(settings, reporter);
        defaultLease = new Lease(engine, StatusReporter.stderr());
        leases.add(defaultLease);
      } else if (engine == null) {
        engine = Engine.start(settings, reporter);
      } else {
        reportDifferences(engine, settings, reporter);
      }
      Lease lease = new Lease(engine, reporter);
      leases.add(lease);
      return lease;
    }
  }

  private static boolean onlyTheDefaultHolds() {
    return defaultLease != null && leases.size() == 1 && leases.get(0) == defaultLease;
  }

  /** The running engine's shared view, or null when nothing runs. */
  static Engine current() {
    synchronized (LOCK) {
      return engine;
    }
  }

  /** Gives the lease back; the last one stops the engine, network waits ending by the deadline. */
  static void release(Lease lease, long deadlineNanos) {
    Engine stopping = null;
    synchronized (LOCK) {
      if (!leases.remove(lease)) {
        return;
      }
      if (leases.isEmpty()) {
        stopping = engine;
        engine = null;
      }
    }
    if (stopping != null) {
      stopping.shutdown(lease.reporter(), deadlineNanos);
    }
  }

  private static void reportDifferences(
      Engine running, BridgeSettings settings, StatusReporter reporter) {
    String wanted = Dsns.isAbsent(settings.dsn()) ? null : settings.dsn();
    if (wanted != null && running.dsn() != null && !wanted.equals(running.dsn())) {
      reporter.warn(
          "sentry-bridge already runs with DSN " + Dsns.mask(running.dsn()) + "; the DSN "
              + Dsns.mask(wanted) + " of this configuration is ignored (one Sentry per process)");
    } else if (wanted != null && running.dsn() == null) {
      reporter.warn(
          "sentry-bridge already runs disabled (no DSN); the DSN " + Dsns.mask(wanted)
              + " of this configuration is ignored until every appender has stopped");
    }
  }
}
