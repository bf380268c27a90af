package org.sentrybridge;

import io.sentry.IScopes;
import io.sentry.ISpan;
import io.sentry.PropagationContext;
import io.sentry.Sentry;
import io.sentry.SpanContext;
import io.sentry.SpanId;
import io.sentry.protocol.SentryId;
import io.sentry.protocol.User;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.sentrybridge.event.BreadcrumbRing;
import org.sentrybridge.event.CallSite;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.LogLevel;
import org.sentrybridge.event.LogRecord;
import org.sentrybridge.event.MessageTemplates;
import org.sentrybridge.internal.CallerContexts;
import org.sentrybridge.internal.Holder;
import org.sentrybridge.internal.OfficialAppenders;
import org.sentrybridge.logs.LogEntry;
import org.sentrybridge.logs.LogScope;
import org.sentrybridge.logs.LogsPipeline;
import org.sentrybridge.scope.ScopeBreadcrumbs;
import org.sentrybridge.scope.ScopeSnapshot;
import org.sentrybridge.scope.TraceIds;

/**
 * An appender's connection to the shared integration: decides, on the logging thread and cheaply,
 * whether a log event becomes a Sentry event or a breadcrumb, and hands events over without
 * blocking. An event takes the logging thread's Sentry scope with it; a breadcrumb joins that
 * scope's log lines. Thread-safe.
 */
public final class LogEventForwarder implements AutoCloseable {

  /**
   * Behind an asynchronous appender all traces share one ring, picked by trace id per event: room
   * for more lines than one scope keeps.
   */
  private static final int SHARED_RING_FACTOR = 4;

  private final Holder service;
  private final CaptureRules rules;
  /** Lines per Sentry scope (scope capture on). */
  private final ScopeBreadcrumbs scopeBreadcrumbs;
  /** Lines seen on other threads than the logging one, or all lines with scope capture off. */
  private final BreadcrumbRing sharedBreadcrumbs;
  private final boolean sendMetadata;
  private final boolean captureScope;
  private final boolean startedEnabled;
  /** Sentry Logs, when the integration has them on; null otherwise. */
  private final LogsPipeline logs;
  /** What this appender's log entries share: its rules and metadata choice. */
  private final LogEntry.Source logSource;
  /** What {@link #close} undoes: registrations made while this appender runs. */
  private final List<Runnable> registrations = new CopyOnWriteArrayList<>();

  LogEventForwarder(Holder service, CaptureRules rules) {
    this.service = service;
    this.rules = rules;
    this.sendMetadata = service.sendMetadata();
    this.captureScope = service.captureScope();
    int capacity = Math.max(1, rules.maxBreadcrumbs());
    this.scopeBreadcrumbs = captureScope ? new ScopeBreadcrumbs(capacity) : null;
    this.sharedBreadcrumbs =
        new BreadcrumbRing(captureScope ? capacity * SHARED_RING_FACTOR : capacity);
    this.startedEnabled = service.isEnabled();
    this.logs = startedEnabled ? service.logs() : null;
    this.logSource = new LogEntry.Source(rules, sendMetadata);
    if (startedEnabled) {
      warmUp();
    }
  }

  /**
   * Loads and initialises what {@link #forward} uses, here at start-up rather than in the logging
   * call of the first error, which would otherwise wait for the class loading.
   */
  private void warmUp() {
    if (captureScope) {
      ScopeSnapshot.capture(Sentry.getCurrentScopes(), scopeBreadcrumbs, sendMetadata);
    }
    if (sendMetadata) {
      CallSite.ofCurrentThread();
    }
  }

  /**
   * What of the MDC / ThreadContext a Sentry log entry carries: the rules whose {@code
   * contextTags} select its {@code mdc.<key>} attributes, or null when entries carry none (no
   * {@code contextTags}, or {@code sendMetadata=false}). A line that becomes a log entry on the
   * logging thread and not an error need not copy more of its context than this.
   *
   * @return the rules selecting the keys, or null for none
   */
  public CaptureRules logEntryContext() {
    return sendMetadata && !rules.contextTags().isEmpty() ? rules : null;
  }

  /**
   * Whether anything is sent.
   *
   * @return false when nothing is sent (no DSN, turned off, the integration stopped): the appender
   *     can return at once. Stays true after {@link #close()} while the integration runs on for
   *     others.
   */
  public boolean isEnabled() {
    // a service that started disabled never becomes enabled: skip the volatile reads then
    return startedEnabled && service.isEngineRunning();
  }

  /**
   * True when this forwarder holds the running integration: the appender that replaces this one in
   * a reconfiguration joins it, so the integration is neither stopped nor started again and what
   * this one queued is still delivered. Settings of the new configuration that the running
   * integration does not apply are reported when it joins.
   *
   * @return true when the replacing appender can join the running integration
   */
  public boolean holdsRunningIntegration() {
    return service.holdsRunningEngine();
  }

  /** A {@link #classify} bit: the log event becomes a Sentry event ({@link #isEvent}). */
  public static final int EVENT = 1;
  /**
   * A {@link #classify} bit: the log event, not an event itself, is kept as a breadcrumb (at or
   * above {@code minimumBreadcrumbLevel}, with {@code sendMetadata}).
   */
  public static final int BREADCRUMB = 2;
  /**
   * A {@link #classify} bit: the log event becomes a Sentry log entry: Sentry Logs are on (the SDK
   * option {@code logs.enabled}) and the level is at or above {@code minimumLevel}. Independent of
   * {@link #EVENT}: an error can be both.
   */
  public static final int LOG = 4;

  /**
   * What becomes of a log event, for the logging thread: none of it for what the SDK or
   * sentry-bridge itself logs (asked once per line), so logging cannot loop back into Sentry.
   *
   * @param level the log event's level
   * @param loggerName the log event's logger
   * @param throwable the log event's throwable; null for none
   * @return the bits {@link #EVENT}, {@link #BREADCRUMB} (never with {@link #EVENT}) and {@link
   *     #LOG} that apply; 0 when the line is none of them
   */
  public int classify(LogLevel level, String loggerName, Throwable throwable) {
    int kinds = 0;
    if (rules.isEvent(level, loggerName, throwable)) {
      kinds = EVENT;
    } else if (sendMetadata && rules.isBreadcrumb(level, loggerName)) {
      kinds = BREADCRUMB;
    }
    if (logs != null && rules.isLog(level, loggerName)) {
      kinds |= LOG;
    }
    return kinds != 0 && isOwnLogging(loggerName) ? 0 : kinds;
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
   * Hands a log event over as a Sentry log entry, with the calling thread's trace and span id;
   * the calling thread must be the one that logged. Formatting waits for the logs thread.
   *
   * @param record the log event, already copied off the framework's mutable objects
   * @return false when it was not taken (Logs off, stopped, queue full: the drop is counted)
   */
  public boolean log(LogRecord record) {
    return log(record, null);
  }

  /**
   * {@link #log(LogRecord)}, with the log call's arguments: those that are numbers or booleans keep
   * their type in the entry ({@code sentry.message.parameter.N}), as with the official appenders.
   *
   * @param record the log event, already copied off the framework's mutable objects
   * @param arguments the log call's arguments as logged; null for none
   * @return false when it was not taken (Logs off, stopped, queue full: the drop is counted)
   */
  public boolean log(LogRecord record, Object[] arguments) {
    if (logs == null) {
      return false;
    }
    return offerLog(record, arguments, captureScope ? Sentry.getCurrentScopes() : null);
  }

  /**
   * {@link #log(LogRecord, Object[])} for a line that is also kept as a breadcrumb ({@link
   * #BREADCRUMB}, not {@link #EVENT}): the logging thread's Sentry scopes are looked up once for
   * both, and the breadcrumb keeps the record's own settled arguments, formatted only if an event
   * takes it. Call it on the thread that logged.
   *
   * @param record the log event, already copied off the framework's mutable objects
   * @param arguments the log call's arguments as logged; null for none
   * @return false when the entry was not taken (Logs off, stopped, queue full: the drop is
   *     counted); the breadcrumb is kept either way
   */
  public boolean logWithBreadcrumb(LogRecord record, Object[] arguments) {
    IScopes scopes = null;
    if (captureScope) {
      scopes = Sentry.getCurrentScopes();
      scopeBreadcrumbs.ringFor(scopes).add(record);
    } else {
      sharedBreadcrumbs.add(record);
    }
    return logs != null && offerLog(record, arguments, scopes);
  }

  /**
   * Offers the entry with the trace and span id of {@code scopes} (none when null or Sentry is not
   * running), taken as the SDK holds them: no object is made for them, nor for the entry. When
   * the current or the isolation scope has event processors the scopes go with it, and those run
   * for it on the logs thread, as the SDK runs them for a line of its own log API; otherwise the
   * entry keeps no reference to a request's scopes while it waits (the global scope's processors
   * run for every entry).
   */
  private boolean offerLog(LogRecord record, Object[] arguments, IScopes scopes) {
    SentryId trace = null;
    SpanId span = null;
    User user = null;
    IScopes own = null;
    if (scopes != null && scopes.isEnabled()) {
      if (!scopes.getScope().getEventProcessorsWithOrder().isEmpty()
          || !scopes.getIsolationScope().getEventProcessorsWithOrder().isEmpty()) {
        own = scopes;
      }
      if (logSource.sendMetadata()) {
        user = userOf(scopes);
      }
      ISpan active = TraceIds.activeSpan(scopes);
      if (active != null) {
        SpanContext context = active.getSpanContext();
        trace = context.getTraceId();
        span = context.getSpanId();
      } else {
        PropagationContext propagation = TraceIds.propagationContext(scopes);
        trace = propagation.getTraceId();
        span = propagation.getSpanId();
      }
    }
    return logs.offer(
        record, LogEntry.typed(arguments, record), LogScope.of(trace, span, user, own), logSource);
  }

  /**
   * The user a log entry made now would carry: the current scope's, else the isolation scope's,
   * else the global scope's (as the SDK's combined scope view answers; its log API sends the
   * user's id, name and email).
   */
  private static User userOf(IScopes scopes) {
    User user = scopes.getScope().getUser();
    if (user == null) {
      user = scopes.getIsolationScope().getUser();
    }
    if (user == null) {
      user = scopes.getGlobalScope().getUser();
    }
    return user;
  }

  /**
   * Hands over, as a Sentry log entry, a log event that reaches the appender on another thread
   * than the one that logged (asynchronous appenders and loggers): its trace and span id are those
   * the logging thread left in the record's context data ({@link TraceIds#TRACE_ID_KEY}).
   *
   * @param record the log event, already copied off the framework's mutable objects
   * @return false when it was not taken (Logs off, stopped, queue full: the drop is counted)
   */
  public boolean logFromAnotherThread(LogRecord record) {
    return logFromAnotherThread(record, null);
  }

  /**
   * {@link #logFromAnotherThread(LogRecord)}, with the log call's arguments as the log event holds
   * them: those that are numbers or booleans keep their type in the entry.
   *
   * @param record the log event, already copied off the framework's mutable objects
   * @param arguments the log event's arguments; null for none
   * @return false when it was not taken (Logs off, stopped, queue full: the drop is counted)
   */
  public boolean logFromAnotherThread(LogRecord record, Object[] arguments) {
    if (logs == null) {
      return false;
    }
    LogScope scope =
        captureScope
            ? LogScope.of(
                TraceIds.parseTraceId(TraceIds.traceIdIn(record.contextData())),
                TraceIds.parseSpanId(TraceIds.spanIdIn(record.contextData())),
                null) // the logging thread's scope is out of reach here: its ids only
            : null;
    return logs.offer(record, LogEntry.typed(arguments, record), scope, logSource);
  }

  /**
   * Remembers a log line, already formatted, for the next events of the logging thread's scope.
   * Call it on the thread that logged.
   *
   * @param timestamp when the line was logged
   * @param level the line's level
   * @param loggerName the line's logger
   * @param message the formatted message
   */
  public void breadcrumb(Instant timestamp, LogLevel level, String loggerName, String message) {
    breadcrumb(BreadcrumbRing.epochNanos(timestamp), level, loggerName, message);
  }

  /**
   * {@link #breadcrumb(Instant, LogLevel, String, String)} with the time as nanoseconds since the
   * epoch ({@link BreadcrumbRing#epochNanos(long, int)}), for frameworks that keep it as numbers.
   *
   * @param epochNanos when the line was logged, nanoseconds since the epoch
   * @param level the line's level
   * @param loggerName the line's logger
   * @param message the formatted message
   */
  public void breadcrumb(long epochNanos, LogLevel level, String loggerName, String message) {
    ringOfThisThread().add(epochNanos, level, loggerName, message, null, null);
  }

  /**
   * Remembers a log line given as an SLF4J-style template and its arguments: the line is formatted
   * only if an event takes it, on the delivery thread. Arguments whose text cannot change (strings,
   * boxed primitives) are kept as they are, with the array, which must not change afterwards;
   * other arguments become text now. Call it on the thread that logged.
   *
   * @param timestamp when the line was logged
   * @param level the line's level
   * @param loggerName the line's logger
   * @param template the message template, with {@code {}} placeholders
   * @param arguments the template's arguments, not changed afterwards; null for none
   */
  public void breadcrumb(
      Instant timestamp, LogLevel level, String loggerName, String template, Object[] arguments) {
    breadcrumb(BreadcrumbRing.epochNanos(timestamp), level, loggerName, template, arguments);
  }

  /**
   * {@link #breadcrumb(Instant, LogLevel, String, String, Object[])} with the time as nanoseconds
   * since the epoch ({@link BreadcrumbRing#epochNanos(long, int)}), for frameworks that keep it as
   * numbers.
   *
   * @param epochNanos when the line was logged, nanoseconds since the epoch
   * @param level the line's level
   * @param loggerName the line's logger
   * @param template the message template, with {@code {}} placeholders
   * @param arguments the template's arguments, not changed afterwards; null for none
   */
  public void breadcrumb(
      long epochNanos, LogLevel level, String loggerName, String template, Object[] arguments) {
    ringOfThisThread()
        .add(epochNanos, level, loggerName, template, MessageTemplates.settled(arguments), null);
  }

  /**
   * Remembers a log line that reaches the appender on another thread than the one that logged
   * (asynchronous appenders and loggers): it can join only the events of the same trace logged on
   * the same thread, {@code traceId} as the logging thread left it in the log event's context data
   * ({@link TraceIds#TRACE_ID_KEY}; null when absent). The thread counts too because threads that
   * never started a trace all share the root scopes' trace id.
   *
   * @param timestamp when the line was logged
   * @param level the line's level
   * @param loggerName the line's logger
   * @param message the formatted message
   * @param traceId the trace id from the log event's context data; null when absent
   * @param threadName the name of the thread that logged
   */
  public void breadcrumbFromAnotherThread(
      Instant timestamp,
      LogLevel level,
      String loggerName,
      String message,
      String traceId,
      String threadName) {
    if (captureScope && traceId == null) {
      return; // whose line it is cannot be told
    }
    sharedBreadcrumbs.add(
        timestamp,
        level,
        loggerName,
        message,
        null,
        captureScope ? lineOwner(traceId, threadName) : null);
  }

  private static String lineOwner(String traceId, String threadName) {
    return traceId == null ? null : traceId + '@' + threadName;
  }

  /**
   * Hands the record to the delivery thread with the Sentry scope of the calling thread, which
   * must be the one that logged. A message-only record also takes the stack of the logging call.
   *
   * @param record the log event, already copied off the framework's mutable objects
   * @return false when it was not taken (disabled, closed, queue full: the drop is counted)
   */
  public boolean forward(LogRecord record) {
    ScopeSnapshot scope;
    if (captureScope) {
      scope = ScopeSnapshot.capture(Sentry.getCurrentScopes(), scopeBreadcrumbs, sendMetadata);
    } else {
      scope = ScopeSnapshot.withoutScope(sendMetadata ? sharedBreadcrumbs : null);
    }
    StackTraceElement[] callSite =
        sendMetadata && record.throwable() == null ? CallSite.ofCurrentThread() : null;
    return service.forward(record, rules, scope, callSite);
  }

  /**
   * Hands over a record that reaches the appender on another thread than the one that logged: the
   * logging thread's scope cannot be read here, only the trace ids it left in the record's context
   * data. {@code callerData} is the call site's stack if the framework took it on the logging
   * thread (null: none).
   *
   * @param record the log event, already copied off the framework's mutable objects
   * @param callerData the call site's stack taken on the logging thread; null for none
   * @return false when it was not taken (disabled, closed, queue full: the drop is counted)
   */
  public boolean forwardFromAnotherThread(LogRecord record, StackTraceElement[] callerData) {
    ScopeSnapshot scope;
    if (captureScope) {
      String traceId = TraceIds.traceIdIn(record.contextData());
      scope =
          ScopeSnapshot.ofTraceIds(
              traceId,
              TraceIds.spanIdIn(record.contextData()),
              sendMetadata ? sharedBreadcrumbs : null,
              lineOwner(traceId, record.threadName()));
    } else {
      scope = ScopeSnapshot.withoutScope(sendMetadata ? sharedBreadcrumbs : null);
    }
    StackTraceElement[] callSite =
        sendMetadata && record.throwable() == null
            ? CallSite.withoutLoggingFrames(callerData)
            : null;
    return service.forward(record, rules, scope, callSite);
  }

  private BreadcrumbRing ringOfThisThread() {
    return captureScope ? scopeBreadcrumbs.ringFor(Sentry.getCurrentScopes()) : sharedBreadcrumbs;
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

  /**
   * Lets {@code sendError} take the caller's MDC / ThreadContext while this appender runs, as a
   * logged error does, with this appender's {@code contextTags} and {@code userMdcKeys}. {@code
   * reader} copies the current thread's entries (it runs on the thread that calls {@code
   * sendError}); {@code framework} is the same object for appenders that read the same entries.
   *
   * @param framework identifies the source of the entries, the same for appenders sharing it
   * @param reader copies the calling thread's entries
   */
  public void shareCallerContext(Object framework, Supplier<Map<String, String>> reader) {
    if (isEnabled()) {
      registrations.add(CallerContexts.register(framework, reader, rules));
    }
  }

  /**
   * Warns, once per process, that an official Sentry appender runs next to this one.
   *
   * @param officialAppender the official appender's name, for the warning
   * @param reporter where the warning goes: the framework's status channel
   */
  public void officialAppenderFound(String officialAppender, StatusReporter reporter) {
    if (isEnabled()) {
      OfficialAppenders.found(officialAppender, reporter);
    }
  }

  /**
   * Gives this appender's share of the integration back: returns at once while others hold it
   * (they deliver what this one queued); the last one delivers within {@code flushTimeout} and
   * stops it.
   */
  @Override
  public void close() {
    unregister();
    leaveScopes();
    service.close();
  }

  private void unregister() {
    for (Runnable registration : registrations) {
      registration.run();
    }
    registrations.clear();
  }

  /**
   * Gives this appender's share back (an appender's {@code stop()}): while others hold the
   * integration this returns at once and they deliver what this appender handed over; the last
   * holder delivers within {@code timeout} and stops the integration.
   *
   * @param timeout how long delivering may take
   * @return true when everything was delivered in time, or the integration runs on; what was not
   *     delivered stays on disk
   */
  public boolean close(Duration timeout) {
    unregister();
    leaveScopes();
    return service.close(timeout);
  }

  private void leaveScopes() {
    if (scopeBreadcrumbs != null) {
      scopeBreadcrumbs.close();
    }
  }

  private static boolean isOwnLogging(String loggerName) {
    return Holder.isOwnThread() || isOwnLogger(loggerName, "io.sentry")
        || isOwnLogger(loggerName, "org.sentrybridge");
  }

  /** The logger {@code root} itself (where sentry-bridge's status lines go) or one below it. */
  private static boolean isOwnLogger(String loggerName, String root) {
    // asked for every line: most loggers are told apart by their first letter alone
    return loggerName != null
        && !loggerName.isEmpty()
        && loggerName.charAt(0) == root.charAt(0)
        && loggerName.startsWith(root)
        && (loggerName.length() == root.length() || loggerName.charAt(root.length()) == '.');
  }
}
