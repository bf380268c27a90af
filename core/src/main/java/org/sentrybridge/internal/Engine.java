package org.sentrybridge.internal;

import io.sentry.ExternalOptions;
import io.sentry.IScopes;
import io.sentry.Sentry;
import io.sentry.SentryOptions;
import java.time.Duration;
import org.sentrybridge.StatusReporter;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.config.Dsns;
import org.sentrybridge.delivery.DeliveryPipeline;
import org.sentrybridge.delivery.Submission;
import org.sentrybridge.delivery.BufferedTransportFactory;

/**
 * One started integration: the SDK (ours, or the application's own) and the delivery pipeline in
 * front of it. A disabled engine (no DSN, invalid settings) has neither and does nothing.
 */
final class Engine {

  /** Time the last close always gives the delivery thread to turn queued records into envelopes. */
  static final Duration LOCAL_DRAIN = Duration.ofSeconds(1);

  static final String NO_DSN_MESSAGE =
      "sentry-bridge is disabled because no Sentry DSN was provided";

  private final BridgeSettings settings;
  private final String dsn;
  private final IScopes scopes;
  private final DeliveryPipeline pipeline;
  private final BufferedTransportFactory transports;
  private final boolean ownsSdk;
  private volatile boolean closed;
  private final Thread exitHook;

  private Engine(
      BridgeSettings settings,
      String dsn,
      IScopes scopes,
      DeliveryPipeline pipeline,
      BufferedTransportFactory transports,
      boolean ownsSdk,
      StatusReporter reporter) {
    this.settings = settings;
    this.dsn = dsn;
    this.scopes = scopes;
    this.pipeline = pipeline;
    this.transports = transports;
    this.ownsSdk = ownsSdk;
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
    String dsnProblem = Dsns.problem(dsn);
    if (dsnProblem != null) {
      reporter.problem(
          "dsn: '" + Dsns.mask(dsn) + "' (from sentry.properties, SENTRY_DSN or -Dsentry.dsn) is"
              + " not a valid Sentry DSN: " + dsnProblem + "; sentry-bridge stays disabled",
          settings.failOnConfigurationError());
      return disabled(settings);
    }
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
      BufferedTransportFactory transports = new BufferedTransportFactory(settings, dsn, reporter);
      SentryOptions options = SdkStarter.options(settings, external, dsn, transports);
      Sentry.init(options);
      IScopes scopes = Sentry.getCurrentScopes();
      if (!scopes.isEnabled()) {
        reporter.problem(
            "the Sentry SDK did not start; sentry-bridge stays disabled",
            settings.failOnConfigurationError());
        return disabled(settings);
      }
      reporter.info("sentry-bridge sends errors to " + Dsns.mask(dsn));
      return new Engine(
          settings,
          dsn,
          scopes,
          new DeliveryPipeline(scopes, settings.queueSize(), settings.dedupeWindow(), reporter),
          transports,
          true,
          reporter);
    } catch (RuntimeException e) {
      reporter.problem(
          "the Sentry SDK could not start: " + Redaction.redact(e.getMessage(), dsn)
              + "; sentry-bridge stays disabled",
          settings.failOnConfigurationError());
      return disabled(settings);
    }
  }

  /**
   * An application that exits without stopping its logging still gets its queued errors delivered,
   * or kept on disk, within {@code flushTimeout}: in order, queue, then SDK, then buffer. The SDK's
   * own hook is off (it would only flush the transport, and could close it before the queue is
   * drained).
   */
  private Thread exitHook(StatusReporter reporter) {
    Thread hook =
        new Thread(
            () -> shutdown(reporter, System.nanoTime() + settings.flushTimeout().toNanos()),
            "sentry-bridge-exit");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException alreadyExiting) {
      return null;
    }
    return hook;
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

  boolean submit(Submission submission) {
    return isEnabled() && pipeline.offer(submission);
  }

  boolean flush(Duration timeout) {
    return !isEnabled()
        || (pipeline.flush(timeout) && (transports == null || transports.isDrained()));
  }

  /**
   * Stops the pipeline and, if it is ours, the SDK. Queued records are still turned into envelopes
   * (local work, given at least {@link #LOCAL_DRAIN}); waits for the network end at the deadline,
   * and what Sentry has not confirmed by then is kept on disk.
   */
  synchronized void shutdown(StatusReporter reporter, long deadlineNanos) {
    if (closed || scopes == null) {
      closed = true;
      return;
    }
    closed = true;
    if (exitHook != null && Thread.currentThread() != exitHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(exitHook);
      } catch (IllegalStateException alreadyExiting) {
        // the hook runs or ran; this shutdown happened first or concurrently, both are fine
      }
    }
    if (transports != null) {
      // pipeline, SDK client and transport each flush on the way down: one timeout for all
      transports.closeBy(deadlineNanos);
    }
    Duration remaining = Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    int left = pipeline.close(remaining.compareTo(LOCAL_DRAIN) > 0 ? remaining : LOCAL_DRAIN);
    if (left > 0) {
      reporter.warn(left + " events were still queued when sentry-bridge stopped and are lost");
    }
    if (ownsSdk) {
      Sentry.close();
    }
    if (transports != null) {
      transports.reportLeftOver(reporter);
    }
  }
}
