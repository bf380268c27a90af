package org.sentrybridge;

import java.time.Duration;
import java.time.Instant;
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
   * Whether anything is sent.
   *
   * @return false when nothing is sent (no DSN, closed): the appender can return at once
   */
  public boolean isEnabled() {
    // a service that started disabled never becomes enabled: skip the volatile reads then
    return startedEnabled && service.isEnabled();
  }

  /**
   * True when this log event becomes a Sentry event. Never true for what the SDK or sentry-bridge
   * itself logs, so logging cannot loop back into Sentry.
   *
   * @param level the log event's level
   * @param loggerName the log event's logger
   * @param throwable the log event's throwable; null for none
   * @return true when it becomes a Sentry event
   */
  public boolean isEvent(LogLevel level, String loggerName, Throwable throwable) {
    return rules.isEvent(level, loggerName, throwable) && !isOwnLogging(loggerName);
  }

  /**
   * Whether a log event that is not an event itself is kept as a breadcrumb.
   *
   * @param level the log event's level
   * @param loggerName the log event's logger
   * @return true when it is kept as a breadcrumb
   */
  public boolean isBreadcrumb(LogLevel level, String loggerName) {
    return rules.isBreadcrumb(level, loggerName) && !isOwnLogging(loggerName);
  }

  /**
   * Remembers a log line for the next event of this appender.
   *
   * @param timestamp when it was logged
   * @param level its level
   * @param loggerName its logger
   * @param message its formatted text
   */
  public void breadcrumb(Instant timestamp, LogLevel level, String loggerName, String message) {
    breadcrumbs.add(timestamp, level, loggerName, message);
  }

  /**
   * Remembers a log line given as an SLF4J-style template and its arguments: the arguments become
   * text now, the line is formatted only if an event takes it, on the delivery thread.
   *
   * @param timestamp when it was logged
   * @param level its level
   * @param loggerName its logger
   * @param template the message as written, with {@code {}} placeholders
   * @param arguments the arguments for the placeholders; null for none
   */
  public void breadcrumb(
      Instant timestamp, LogLevel level, String loggerName, String template, Object[] arguments) {
    breadcrumbs.add(timestamp, level, loggerName, template, MessageTemplates.texts(arguments));
  }

  /**
   * Hands the record to the delivery thread with this appender's breadcrumbs.
   *
   * @param record the log event, already copied off the framework's mutable objects
   * @return false when it was not taken (disabled, closed, queue full: the drop is counted)
   */
  public boolean forward(LogRecord record) {
    return SentryBridge.submit(
        service,
        Submission.ofLog(
            record, rules, sendMetadata ? breadcrumbs.snapshot() : null, sendMetadata));
  }

  /**
   * Waits until everything handed over so far was delivered or {@code timeout} passed.
   *
   * @param timeout how long to wait at most
   * @return true when nothing is left to deliver
   */
  public boolean flush(Duration timeout) {
    return service.flush(timeout);
  }

  /** Gives this appender's share of the integration back; the last one flushes and stops it. */
  @Override
  public void close() {
    service.close();
  }

  /**
   * Delivers what this appender handed over and gives its share back, all within {@code timeout}
   * (an appender's {@code stop()}).
   *
   * @param timeout how long delivering may take
   * @return true when everything was delivered in time; what was not stays on disk
   */
  public boolean close(Duration timeout) {
    if (service instanceof Lease) {
      return ((Lease) service).close(timeout);
    }
    service.close();
    return true;
  }

  private static boolean isOwnLogging(String loggerName) {
    return DeliveryThread.isCurrent()
        || (loggerName != null
            && (loggerName.startsWith("io.sentry.") || loggerName.startsWith("org.sentrybridge.")));
  }
}
