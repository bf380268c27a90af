package org.sentrybridge.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sentrybridge.SentryService;
import org.sentrybridge.StatusReporter;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.config.Dsns;
import org.sentrybridge.config.Setting;

/**
 * The one integration of this process. Every appender (and application code) takes a {@link
 * Lease}; the first starts the engine, the last to close stops it. A later start with another DSN
 * is reported and joins the running engine: there is one Sentry per process.
 *
 * <p>A configuration that turns sentry-bridge off ({@code enabled=false}, invalid settings) holds an
 * {@link OffSwitch}: while one is held and nothing runs, {@link #shared()} sends nothing and starts
 * nothing from the environment, until a valid configuration starts the integration.
 */
public final class BridgeRuntime {

  /**
   * Guards the lists and the changes of {@link #engine}; never held across the network or a
   * shutdown. Reads of the running engine (every service call) take no lock.
   */
  private static final Object LOCK = new Object();
  private static volatile Engine engine;
  private static final List<Lease> leases = new ArrayList<>();
  private static final List<OffSwitch> offSwitches = new ArrayList<>();
  private static boolean offReported;
  /** The engine the last holder is shutting down; a new one starts only when it is done. */
  private static Engine stopping;

  /** The handle {@link #shared()} took because nothing was running. */
  private static volatile Lease defaultLease;

  private BridgeRuntime() {}

  /**
   * The shared view of the running integration. When nothing runs yet, starts one from the SDK's
   * usual sources (system properties, {@code SENTRY_*} variables, {@code sentry.properties}); an
   * appender or {@link #acquire} that starts later with its own settings takes over from it. While
   * a configuration holds sentry-bridge off, starts nothing and says why, once.
   */
  public static SentryService shared() {
    if (engine != null) {
      return SharedService.INSTANCE; // the common path: something runs
    }
    OffSwitch off = null;
    synchronized (LOCK) {
      // while an engine is being replaced, the one that follows it is not started from defaults
      if (engine == null && defaultLease == null && stopping == null) {
        if (offSwitches.isEmpty()) {
          Holder started = acquire(BridgeSettings.builder().build(), StatusReporter.stderr());
          defaultLease = started instanceof Lease ? (Lease) started : null;
        } else if (!offReported) {
          offReported = true;
          off = offSwitches.get(offSwitches.size() - 1);
        }
      }
    }
    if (off != null) {
      off.reporter.notice(
          "SentryBridge.service() sends nothing: " + off.reason + "; nothing is started from"
              + " SENTRY_DSN, -Dsentry.dsn or sentry.properties until a valid configuration starts"
              + " sentry-bridge");
    }
    return SharedService.INSTANCE;
  }

  /** The shared view when something runs (enabled or without DSN); null otherwise. */
  public static SentryService find() {
    return engine == null ? null : SharedService.INSTANCE;
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

  /**
   * Holds sentry-bridge off for {@code reason} until the returned handle is closed or a valid
   * configuration starts the integration. Never throws.
   */
  public static Holder switchOff(String reason, StatusReporter reporter) {
    OffSwitch off = new OffSwitch(reason, reporter);
    synchronized (LOCK) {
      offSwitches.add(off);
      offReported = false;
    }
    return off;
  }

  static void release(OffSwitch off) {
    synchronized (LOCK) {
      offSwitches.remove(off);
    }
  }

  /**
   * Takes a handle on the integration, starting it if this is the first. With {@code
   * enabled=false} or invalid settings, reports and returns a handle that holds sentry-bridge off.
   * Never throws.
   */
  public static Holder acquire(BridgeSettings settings, StatusReporter reporter) {
    if (!settings.enabled()) {
      reporter.info("sentry-bridge is turned off (enabled=false)");
      return switchOff("sentry-bridge is turned off (enabled=false)", reporter);
    }
    if (!settings.isValid()) {
      for (String problem : settings.problems()) {
        reporter.problem(
            problem + "; sentry-bridge stays disabled", settings.failOnConfigurationError());
      }
      return switchOff("its configuration has errors (reported when it started)", reporter);
    }
    Engine defaults = null;
    synchronized (LOCK) {
      awaitStopping();
      offSwitches.clear(); // a valid configuration starts (or joins) the integration
      if (engine != null && onlyTheDefaultHolds()) {
        // only SentryBridge.service() started it, from defaults: explicit settings take over
        defaults = engine;
        leases.clear();
        defaultLease = null;
        engine = null;
        stopping = defaults;
      }
    }
    if (defaults != null) {
      // outside the lock: the shutdown may wait for the network up to flushTimeout
      endStopping(defaults, reporter, System.nanoTime() + defaults.settings().flushTimeout().toNanos());
    }
    Lease lease;
    Engine joined = null;
    synchronized (LOCK) {
      awaitStopping();
      if (engine == null) {
        engine = Engine.start(settings, reporter);
      } else {
        joined = engine;
      }
      if (defaults != null) {
        // SentryBridge.service() still holds the integration it started
        defaultLease = new Lease(engine, StatusReporter.stderr());
        leases.add(defaultLease);
      }
      lease = new Lease(engine, reporter);
      leases.add(lease);
    }
    if (joined != null) {
      reportDifferences(joined, settings, reporter); // outside the lock: reporters may log
    }
    return lease;
  }

  /** Shuts an engine down that was taken out of service, then lets the next one start. */
  private static void endStopping(Engine ending, StatusReporter reporter, long deadlineNanos) {
    try {
      ending.shutdown(reporter, deadlineNanos);
    } finally {
      synchronized (LOCK) {
        stopping = null;
        LOCK.notifyAll();
      }
    }
  }

  private static void awaitStopping() {
    boolean interrupted = false;
    while (engine == null && stopping != null) {
      try {
        LOCK.wait();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean onlyTheDefaultHolds() {
    return defaultLease != null && leases.size() == 1 && leases.get(0) == defaultLease;
  }

  /** Figures of the running engine; null when none sends. */
  public static org.sentrybridge.BridgeStats stats() {
    Engine running = current();
    return running == null ? null : running.stats();
  }

  /**
   * Forgets every holder and off switch and stops what runs, as if the process started again: for
   * test suites, where one handle a test forgot to close would otherwise change every later test
   * of the same JVM. Not for applications.
   *
   * @return how many holders and off switches were still open
   */
  public static int reset() {
    Engine running;
    int open;
    synchronized (LOCK) {
      awaitStopping();
      open = leases.size() + offSwitches.size();
      leases.clear();
      offSwitches.clear();
      offReported = false;
      defaultLease = null;
      running = engine;
      engine = null;
      stopping = running;
    }
    if (running != null) {
      endStopping(running, StatusReporter.stderr(), System.nanoTime() + Engine.LOCAL_DRAIN.toNanos());
    } else {
      synchronized (LOCK) {
        stopping = null;
      }
    }
    return open;
  }

  /** The running engine, or null when nothing runs; a volatile read, no lock. */
  static Engine current() {
    return engine;
  }

  /**
   * Gives the lease back. While other holders keep the engine running this returns at once: what
   * this holder handed over is delivered by the running engine, so a reconfiguration never waits
   * for the network. The last holder delivers within {@code timeout} and stops the engine, network
   * waits ending by the deadline.
   *
   * @return true when everything handed over was delivered in time, or the engine runs on
   */
  static boolean release(Lease lease, Duration timeout, long deadlineNanos) {
    synchronized (LOCK) {
      if (!leases.contains(lease)) {
        return true;
      }
      if (leases.size() > 1) {
        leases.remove(lease);
        return true;
      }
    }
    // the last holder: deliver first, while another holder may still join and keep it running
    boolean delivered = lease.engine().flush(timeout);
    Engine shuttingDown = null;
    synchronized (LOCK) {
      if (!leases.remove(lease)) {
        return delivered;
      }
      if (leases.isEmpty() && engine == lease.engine()) {
        shuttingDown = engine;
        engine = null;
        stopping = shuttingDown;
      }
    }
    if (shuttingDown != null) {
      endStopping(shuttingDown, lease.reporter(), deadlineNanos);
    }
    return delivered;
  }

  /**
   * Reports every setting of this configuration that the running engine does not apply (one
   * Sentry per process): the DSN in a line of its own, the others together. The same rule for
   * every caller: a second appender, a Log4j2 reload, a Logback reload.
   */
  static void reportDifferences(Engine running, BridgeSettings settings, StatusReporter reporter) {
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
    Map<Setting, String> differences = settings.differencesFrom(running.settings());
    differences.remove(Setting.DSN);
    if (!differences.isEmpty()) {
      reporter.warn(
          "sentry-bridge already runs with other settings; these of this configuration apply only"
              + " once every appender has stopped (one Sentry per process): "
              + String.join("; ", differences.values()));
    }
  }
}
