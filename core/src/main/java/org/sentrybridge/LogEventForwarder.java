package org.sentrybridge;

import java.time.Duration;
import java.time.Instant;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.delivery.DeliveryThread;
import org.sentrybridge.delivery.Submission;
import org.sentrybridge.event.BreadcrumbRing;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.LogLevel;
import org.sentrybridge.event.LogRecord;
import org.sentrybridge.event.MessageTemplates;
import org.sentrybridge.internal.Lease;

/**
 * An appender's connection to the shared integration: decides, on the logging thread and cheaply,
 * whether a log event becomes a Sentry event or a breadcrumb, and hands events over without
 * blocking. Thread-safe.
 */
public final class LogEventForwarder implements AutoCloseable {

  private final SentryService service;
  private final CaptureRules rules;
  private final BreadcrumbRing breadcrumbs;
  private final boolean sendMetadata;
  private final boolean startedEnabled;

  LogEventForwarder(SentryService service, CaptureRules rules) {
    this.service = service;
    this.rules = rules;
    this.breadcrumbs = new BreadcrumbRing(Math.max(1, rules.maxBreadcrumbs()));
    this.sendMetadata = SentryBridge.sendMetadata(service);
    this.startedEnabled = service.isEnabled();
  }

  /**
   * False when nothing is sent (no DSN, turned off, the integration stopped): the appender can
   * return at once. Stays true after {@link #close()} while the integration runs on for others.
   */
  public boolean isEnabled() {
    // a service that started disabled never becomes enabled: skip the volatile reads then
    return startedEnabled && SentryBridge.isRunning(service);
  }

  /**
   * True when this forwarder holds the running integration and it runs with these settings: the
   * appender that replaces this one in a reconfiguration can join it, so the integration is
   * neither stopped nor started again and what this one queued is still delivered.
   */
  public boolean runsWith(BridgeSettings settings) {
    return SentryBridge.runsWith(service, settings);
  }

  /**
   * True when this log event becomes a Sentry event. Never true for what the SDK or sentry-bridge
   * itself logs, so logging cannot loop back into Sentry.
   */
  public boolean isEvent(LogLevel level, String loggerName, Throwable throwable) {
    return rules.isEvent(level, loggerName, throwable) && !isOwnLogging(loggerName);
  }

  /** True when this log event (not an event itself) is kept as a breadcrumb. */
  public boolean isBreadcrumb(LogLevel level, String loggerName) {
    return rules.isBreadcrumb(level, loggerName) && !isOwnLogging(loggerName);
  }

  /** Remembers a log line for the next event of this appender. */
  public void breadcrumb(Instant timestamp, LogLevel level, String loggerName, String message) {
    breadcrumbs.add(timestamp, level, loggerName, message);
  }

  /**
   * Remembers a log line given as an SLF4J-style template and its arguments: the arguments become
   * text now, the line is formatted only if an event takes it, on the delivery thread.
   */
  public void breadcrumb(
      Instant timestamp, LogLevel level, String loggerName, String template, Object[] arguments) {
    breadcrumbs.add(timestamp, level, loggerName, template, MessageTemplates.texts(arguments));
  }

  /**
   * Hands the record to the delivery thread with this appender's breadcrumbs.
   *
   * @return false when it was not taken (disabled, closed, queue full: the drop is counted)
   */
  public boolean forward(LogRecord record) {
    return SentryBridge.submit(
        service,
        Submission.ofLog(
            record, rules, sendMetadata ? breadcrumbs.snapshot() : null, sendMetadata));
  }

  public boolean flush(Duration timeout) {
    return service.flush(timeout);
  }

  /**
   * Gives this appender's share of the integration back: returns at once while others hold it
   * (they deliver what this one queued); the last one delivers within {@code flushTimeout} and
   * stops it.
   */
  @Override
  public void close() {
    service.close();
  }

  /**
   * Gives this appender's share back (an appender's {@code stop()}): while others hold the
   * integration this returns at once and they deliver what this appender handed over; the last
   * holder delivers within {@code timeout} and stops the integration.
   *
   * @return true when everything was delivered in time, or the integration runs on; what was not
   *     delivered stays on disk
   */
  public boolean close(Duration timeout) {
    if (service instanceof Lease) {
      return ((Lease) service).close(timeout);
    }
    service.close();
    return true;
  }

  private static boolean isOwnLogging(String loggerName) {
    return DeliveryThread.isCurrent() || isOwnLogger(loggerName, "io.sentry")
        || isOwnLogger(loggerName, "org.sentrybridge");
  }

  /** The logger {@code root} itself (where sentry-bridge's status lines go) or one below it. */
  private static boolean isOwnLogger(String loggerName, String root) {
    return loggerName != null
        && loggerName.startsWith(root)
        && (loggerName.length() == root.length() || loggerName.charAt(root.length()) == '.');
  }
}
