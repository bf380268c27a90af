package org.sentrybridge;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.sentrybridge.delivery.DeliveryThread;
import org.sentrybridge.delivery.Submission;
import org.sentrybridge.event.BreadcrumbRing;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.LogLevel;
import org.sentrybridge.event.LogRecord;
import org.sentrybridge.event.MessageTemplates;
import org.sentrybridge.internal.CallerContexts;
import org.sentrybridge.internal.Lease;
import org.sentrybridge.internal.OfficialAppenderFilter;

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
  /** What {@link #close} undoes: registrations made while this appender runs. */
  private final List<Runnable> registrations = new CopyOnWriteArrayList<>();

  LogEventForwarder(SentryService service, CaptureRules rules) {
    this.service = service;
    this.rules = rules;
    this.breadcrumbs = new BreadcrumbRing(Math.max(1, rules.maxBreadcrumbs()));
    this.sendMetadata = SentryBridge.sendMetadata(service);
    this.startedEnabled = service.isEnabled();
  }

  /** False when nothing is sent (no DSN, closed): the appender can return at once. */
  public boolean isEnabled() {
    // a service that started disabled never becomes enabled: skip the volatile reads then
    return startedEnabled && service.isEnabled();
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
   * Lets {@code sendError} take the caller's MDC / ThreadContext while this appender runs, as a
   * logged error does, with this appender's {@code contextTags} and {@code userMdcKeys}. {@code
   * reader} copies the current thread's entries (it runs on the thread that calls {@code
   * sendError}); {@code framework} is the same object for appenders that read the same entries.
   */
  public void shareCallerContext(Object framework, Supplier<Map<String, String>> reader) {
    if (isEnabled()) {
      registrations.add(CallerContexts.register(framework, reader, rules));
    }
  }

  /**
   * Tells which framework log events this appender takes (the object the framework hands to every
   * appender), so that an official Sentry appender's copy of the same error is dropped: one event
   * per error. Undone by {@link #close}, or earlier by running what this returns.
   */
  public Runnable recogniseOwnEvents(Predicate<Object> takes) {
    if (!isEnabled()) {
      return () -> {};
    }
    Runnable registration = OfficialAppenderFilter.recognise(takes);
    registrations.add(registration);
    return () -> {
      registrations.remove(registration);
      registration.run();
    };
  }

  /** Warns, once per process, that an official Sentry appender runs next to this one. */
  public void officialAppenderFound(String officialAppender, StatusReporter reporter) {
    if (isEnabled()) {
      OfficialAppenderFilter.found(officialAppender, reporter);
    }
  }

  /** Gives this appender's share of the integration back; the last one flushes and stops it. */
  @Override
  public void close() {
    unregister();
    service.close();
  }

  private void unregister() {
    for (Runnable registration : registrations) {
      registration.run();
    }
    registrations.clear();
  }

  /**
   * Delivers what this appender handed over and gives its share back, all within {@code timeout}
   * (an appender's {@code stop()}).
   *
   * @return true when everything was delivered in time; what was not stays on disk
   */
  public boolean close(Duration timeout) {
    unregister();
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
