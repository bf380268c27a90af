package org.sentrybridge.internal;

import io.sentry.ExternalOptions;
import io.sentry.IScopes;
import io.sentry.Sentry;
import io.sentry.SentryOptions;
import io.sentry.protocol.SentryId;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import org.sentrybridge.ScopeConfigurator;
import org.sentrybridge.StatusReporter;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.config.Dsns;
import org.sentrybridge.delivery.Counts;
import org.sentrybridge.delivery.DeliveryPipeline;
import org.sentrybridge.delivery.Submission;
import org.sentrybridge.logs.LogsPipeline;
import org.sentrybridge.outbox.OutboxTransportFactory;
import org.sentrybridge.scope.ScopeSnapshot;

/**
 * One started integration: the SDK (ours, or the application's own) and the delivery pipeline in
 * front of it. A disabled engine (no DSN, invalid settings) has neither and does nothing.
 */
final class Engine {

  /** Time the last close always gives the delivery thread to turn queued records into envelopes. */
  static final Duration LOCAL_DRAIN = Duration.ofSeconds(1);

  static final String NO_DSN_MESSAGE =
      "sentry-bridge is disabled because no Sentry DSN was provided";

  /**
   * At JVM exit, the longest the integration waits for the application's shutdown to end (its
   * other shutdown hooks, its non-daemon threads); delivery then gets {@code flushTimeout} more.
   * A guard against an exit that never ends, not a timing rule: while another shutdown hook runs,
   * the JVM waits for it anyway.
   */
  static final Duration EXIT_WAIT_LIMIT = Duration.ofSeconds(60);

  private static final long EXIT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final BridgeSettings settings;
  private final String dsn;
  private final IScopes scopes;
  private final DeliveryPipeline pipeline;
  private final OutboxTransportFactory transports;
  private final boolean ownsSdk;
  private volatile boolean closed;
  /** The pipeline is closed, but the SDK stays open for an official appender that still runs. */
  private volatile boolean sdkLeftOpen;
  private final Thread exitHook;
  /** Sentry Logs, when the SDK has them on ({@code logs.enabled}); null otherwise. */
  private final LogsPipeline logs;

  private Engine(
      BridgeSettings settings,
      String dsn,
      IScopes scopes,
      DeliveryPipeline pipeline,
      OutboxTransportFactory transports,
      boolean ownsSdk,
      StatusReporter reporter) {
    this.settings = settings;
    this.dsn = dsn;
    this.scopes = scopes;
    this.pipeline = pipeline;
    this.transports = transports;
    this.ownsSdk = ownsSdk;
    this.logs =
        scopes != null && LogsPipeline.enabledIn(scopes)
            ? new LogsPipeline(
                scopes,
                settings.queueSize(),
                reporter,
                transports == null ? () -> false : transports::logLaneFull)
            : null;
    this.exitHook = scopes == null ? null : exitHook(reporter);
  }

  static Engine disabled(BridgeSettings settings) {
    return new Engine(settings, null, null, null, null, false, null);
  }

  /** Starts the SDK and the pipeline; reports and returns a disabled engine when it cannot. */
  static Engine start(BridgeSettings settings, StatusReporter reporter) {
    if (!settings.isValid()) {
      for (String problem : settings.problems()) {
        reporter.problem(
            problem + "; sentry-bridge stays disabled", settings.failOnConfigurationError());
      }
      return disabled(settings);
    }
    ExternalOptions external = SdkStarter.externalOptions();
    String dsn = SdkStarter.resolveDsn(settings, external);
    if (dsn == null) {
      reporter.notice(NO_DSN_MESSAGE);
      return disabled(settings);
    }
    // an explicit DSN was checked with the settings; one from the SDK's sources is checked here
    String dsnProblem = Dsns.isAbsent(settings.dsn()) ? Dsns.problem(dsn) : null;
    if (dsnProblem != null) {
      reporter.problem(
          "dsn: '" + Dsns.mask(dsn) + "' (from sentry.properties, SENTRY_DSN or -Dsentry.dsn) is"
              + " not a valid Sentry DSN: " + dsnProblem + "; sentry-bridge stays disabled",
          settings.failOnConfigurationError());
      return disabled(settings);
    }
    SdkVersion.check(SdkVersion.running(), reporter);
    if (Sentry.isEnabled()) {
      reporter.info(
          "Sentry was already initialised by the application: sentry-bridge sends through it,"
              + " and its own dsn and init options are not applied");
      IScopes scopes = Sentry.getCurrentScopes();
      return new Engine(
          settings,
          dsn,
          scopes,
          new DeliveryPipeline(scopes, settings.queueSize(), settings.dedupeWindow(), reporter),
          null,
          false,
          reporter);
    }
    try {
      OutboxTransportFactory transports = new OutboxTransportFactory(settings, dsn, reporter);
      SentryOptions options = SdkStarter.options(settings, external, dsn, transports);
      Sentry.init(options);
      IScopes scopes = Sentry.getCurrentScopes();
      if (!scopes.isEnabled()) {
        reporter.problem(
            "the Sentry SDK did not start; sentry-bridge stays disabled",
            settings.failOnConfigurationError());
        return disabled(settings);
      }
      // Sentry.init made the root scopes this thread's own: what this thread puts on its scope
      // later would be copied into every thread that forks from them. It gets a fork instead.
      scopes.forkedScopes("sentry-bridge-configuring-thread").makeCurrent();
      reporter.info("sentry-bridge sends errors to " + Dsns.mask(dsn));
      return new Engine(
          settings,
          dsn,
          scopes,
          new DeliveryPipeline(scopes, settings.queueSize(), settings.dedupeWindow(), reporter),
          transports,
          true,
          reporter);
    } catch (RuntimeException | LinkageError e) {
      // LinkageError: an SDK outside the supported range may lack what sentry-bridge calls
      reporter.problem(
          "the Sentry SDK could not start: " + Redaction.redact(e.getMessage(), dsn)
              + "; sentry-bridge stays disabled",
          settings.failOnConfigurationError());
      return disabled(settings);
    }
  }

  /**
   * An application that exits without stopping its logging still gets its errors delivered, or
   * kept on disk: see {@link #closeAtExit}. The SDK's own hook is off (it would only flush the
   * transport, and could close it before the queue is drained).
   */
  private Thread exitHook(StatusReporter reporter) {
    Thread hook =
        new Thread(
            () -> closeAtExit(reporter, new ShutdownActivity(Thread.currentThread())),
            "sentry-bridge-exit");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException alreadyExiting) {
      return null;
    }
    return hook;
  }

  /**
   * Runs when the JVM begins to exit, at the same time as the application's own shutdown hooks: a
   * web server draining its requests, bean destruction, the logging framework's stop. Those may
   * still log errors, however long they take, so the integration stays open and keeps delivering
   * while {@code applicationMayLog} says so (see {@link ShutdownActivity}). It closes when its last
   * holder lets go (the logging framework stopped the appenders), or once the application's
   * shutdown is over, giving what is still in flight {@code flushTimeout} (what Sentry has not
   * confirmed by then is kept on disk); at the latest {@link #EXIT_WAIT_LIMIT} after the exit
   * began, with {@code flushTimeout} more for delivery. Closing never depends on a quiet period.
   */
  void closeAtExit(StatusReporter reporter, BooleanSupplier applicationMayLog) {
    long flushNanos = settings.flushTimeout().toNanos();
    long limit = System.nanoTime() + EXIT_WAIT_LIMIT.toNanos();
    while (!closed || sdkLeftOpen) {
      long now = System.nanoTime();
      if (now - limit >= 0 || !applicationMayLog.getAsBoolean()) {
        shutdown(reporter, System.nanoTime() + flushNanos, true);
        return;
      }
      LockSupport.parkNanos(EXIT_POLL_NANOS);
    }
  }

  boolean isEnabled() {
    return scopes != null && !closed;
  }

  String dsn() {
    return dsn;
  }

  BridgeSettings settings() {
    return settings;
  }

  IScopes scopes() {
    return scopes;
  }

  /** Read-only figures for health checks and meters; null when disabled or stopped. */
  org.sentrybridge.BridgeStats stats() {
    if (!isEnabled()) {
      return null;
    }
    OutboxTransportFactory.TransportStats transport =
        transports == null ? null : transports.stats();
    java.util.Map<String, Long> dropped = new java.util.TreeMap<>(pipeline.dropped());
    if (transport != null) {
      transport.dropped().forEach((kind, count) -> dropped.merge(kind, count, Long::sum));
    }
    return new org.sentrybridge.BridgeStats(
        pipeline.queued(),
        transport == null ? 0 : transport.buffered(),
        transport == null ? 0 : transport.delivered(),
        dropped,
        transport == null || transport.healthy());
  }

  boolean submit(Submission submission) {
    return isEnabled() && pipeline.offer(submission);
  }

  /** The Sentry Logs pipeline; null when Sentry Logs are off or the engine is disabled. */
  LogsPipeline logs() {
    return logs;
  }

  /**
   * Hands an error sent by hand over, with the caller's MDC (as metadata, like a logged error's)
   * and the caller's Sentry scope, both read here on the caller's thread.
   */
  SentryId sendError(Throwable error, ScopeConfigurator configurator) {
    if (error == null || !isEnabled()) {
      return SentryId.EMPTY_ID;
    }
    boolean sendMetadata = settings.sendMetadata();
    ScopeConfigurator withContext =
        sendMetadata ? CallerContexts.around(configurator) : configurator;
    ScopeSnapshot scope =
        settings.captureScope()
            ? ScopeSnapshot.captureWithEveryAppender(Sentry.getCurrentScopes(), sendMetadata)
            : ScopeSnapshot.withoutScope(null);
    Submission submission = Submission.ofError(error, withContext, scope, sendMetadata);
    return submit(submission) ? submission.eventId() : SentryId.EMPTY_ID;
  }

  boolean flush(Duration timeout) {
    if (!isEnabled()) {
      return true;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    // log entries first go to the transport (local work), then everything is flushed together
    boolean logsHandedOver = logs == null || logs.flush(timeout);
    Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    return logsHandedOver
        && pipeline.flush(left)
        && (transports == null || transports.isDrained());
  }

  /**
   * Stops the pipeline and, if it is ours, the SDK. Queued records are still turned into envelopes
   * (local work, given at least {@link #LOCAL_DRAIN}); waits for the network end at the deadline,
   * and what Sentry has not confirmed by then is kept on disk. While an official Sentry appender
   * still runs on the SDK this engine started, the SDK stays open for it: this engine's envelopes
   * are delivered by the deadline, and the exit hook closes the SDK when the JVM exits.
   */
  void shutdown(StatusReporter reporter, long deadlineNanos) {
    shutdown(reporter, deadlineNanos, false);
  }

  private synchronized void shutdown(StatusReporter reporter, long deadlineNanos, boolean atExit) {
    if (scopes == null) {
      closed = true;
      return;
    }
    if (closed) {
      if (atExit && sdkLeftOpen) {
        sdkLeftOpen = false;
        closeSdk(reporter, deadlineNanos);
      }
      return;
    }
    closed = true;
    boolean keepSdkOpen = ownsSdk && !atExit && OfficialAppenders.anyRunning();
    if (!keepSdkOpen) {
      removeExitHook();
      if (transports != null) {
        // pipeline, SDK client and transport each flush on the way down: one timeout for all
        transports.closeBy(deadlineNanos);
      }
    }
    Duration remaining = remaining(deadlineNanos);
    if (logs != null) {
      logs.close(remaining.compareTo(LOCAL_DRAIN) > 0 ? remaining : LOCAL_DRAIN);
      remaining = remaining(deadlineNanos);
    }
    int left = pipeline.close(remaining.compareTo(LOCAL_DRAIN) > 0 ? remaining : LOCAL_DRAIN);
    if (left > 0) {
      reporter.warn(
          Counts.of(
              left,
              "event was still queued when sentry-bridge stopped and is lost",
              "events were still queued when sentry-bridge stopped and are lost"));
    }
    if (keepSdkOpen) {
      sdkLeftOpen = true;
      scopes.flush(Math.max(1, remaining(deadlineNanos).toMillis()));
      reporter.info(
          "sentry-bridge stopped; the Sentry SDK it started stays open for the official Sentry"
              + " appender, which still runs on it, until the JVM exits");
    } else if (ownsSdk) {
      closeSdk(reporter, deadlineNanos);
    }
  }

  private void closeSdk(StatusReporter reporter, long deadlineNanos) {
    if (transports != null) {
      transports.closeBy(deadlineNanos);
    }
    // an SDK someone started after this one is not this engine's to close
    if (Sentry.getCurrentScopes().getOptions() == scopes.getOptions()) {
      Sentry.close();
    }
    if (transports != null) {
      transports.reportLeftOver(reporter);
    }
  }

  private void removeExitHook() {
    if (exitHook != null && Thread.currentThread() != exitHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(exitHook);
      } catch (IllegalStateException alreadyExiting) {
        // the hook runs or ran; this shutdown happened first or concurrently, both are fine
      }
    }
  }

  private static Duration remaining(long deadlineNanos) {
    return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
  }
}
