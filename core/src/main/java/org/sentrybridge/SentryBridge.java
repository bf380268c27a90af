package org.sentrybridge;

import java.util.Optional;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.internal.BridgeRuntime;

/**
 * The process-wide entry point. One Sentry integration runs per process, shared by every appender
 * and by application code; it is reference-counted, so the last holder to close shuts it down.
 */
public final class SentryBridge {

  private SentryBridge() {}

  /**
   * The shared service, never null. If no appender started the integration, this starts it from
   * the SDK's usual sources ({@code -Dsentry.dsn}, {@code SENTRY_DSN}, {@code sentry.properties})
   * and closes it at JVM exit. With no DSN anywhere it is a cheap no-op service. While a
   * configuration turned sentry-bridge off ({@code enabled=false} or invalid settings) it is the
   * no-op service, says why once, and starts nothing from those sources.
   *
   * @return the shared service
   */
  public static SentryService service() {
    return BridgeRuntime.shared();
  }

  /**
   * The shared service if the integration runs (with or without DSN); empty when nothing started
   * it or it was turned off with {@code enabled=false}.
   *
   * @return the shared service, or empty
   */
  public static Optional<SentryService> find() {
    return Optional.ofNullable(BridgeRuntime.find());
  }

  /**
   * Takes a handle on the integration with these settings, starting it if nothing runs yet (a
   * later start with another DSN is reported, not applied). Never throws: invalid settings are
   * reported and give a disabled service. Close the handle when done.
   *
   * @param settings the settings, used when this start is the first
   * @param reporter where problems and state changes are reported
   * @return a handle of its own on the shared service
   */
  public static SentryService start(BridgeSettings settings, StatusReporter reporter) {
    return BridgeRuntime.acquire(settings, reporter);
  }

  /**
   * Holds sentry-bridge off for this process: until the returned handle is closed, or a valid
   * configuration starts the integration, {@link #service()} sends nothing and starts nothing from
   * the environment. An appender whose configuration is invalid calls this and closes the handle
   * when it is stopped. Never throws.
   *
   * @param reason why, as it completes "SentryBridge.service() sends nothing: ..."
   * @param reporter where the reason is reported
   * @return the handle that keeps sentry-bridge off until it is closed
   */
  public static SentryService off(String reason, StatusReporter reporter) {
    return BridgeRuntime.switchOff(reason, reporter);
  }

  /**
   * {@link #start(BridgeSettings, StatusReporter)} reporting to standard error.
   *
   * @param settings the settings, used when this start is the first
   * @return a handle of its own on the shared service
   */
  public static SentryService start(BridgeSettings settings) {
    return start(settings, StatusReporter.stderr());
  }

  /**
   * What an appender holds: a handle on the integration plus its own capture rules and
   * breadcrumbs. Close it in the appender's {@code stop()}.
   *
   * @param settings the appender's settings
   * @param rules which log events become events and breadcrumbs, and how
   * @param reporter the appender's status channel
   * @return the appender's forwarder
   */
  public static LogEventForwarder forwarder(
      BridgeSettings settings, CaptureRules rules, StatusReporter reporter) {
    return new LogEventForwarder(BridgeRuntime.acquire(settings, reporter), rules);
  }

  /**
   * Figures of the running integration (queued, buffered, delivered, dropped events; whether
   * Sentry is reachable), for health checks and meters. Cheap; never starts anything.
   *
   * @return the figures, or empty when no integration sends (none started, no DSN, stopped)
   */
  public static Optional<BridgeStats> stats() {
    return Optional.ofNullable(BridgeRuntime.stats());
  }
}
