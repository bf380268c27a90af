package org.sentrybridge.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextVO;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.FilterReply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.sentrybridge.LogEventForwarder;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.internal.OfficialAppenders;
import org.sentrybridge.SentryService;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.config.Setting;
import org.sentrybridge.config.SettingsText;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.LogLevel;
import org.slf4j.MDC;
import org.slf4j.spi.MDCAdapter;
import org.sentrybridge.event.LogRecord;
import org.sentrybridge.scope.TraceIds;

/**
 * Sends the errors logged through Logback to Sentry, through the process-wide sentry-bridge
 * integration. The logging thread only decides and enqueues; building and sending the event
 * happen on sentry-bridge's delivery thread.
 *
 * <pre>{@code
 * <appender name="SENTRY" class="org.sentrybridge.logback.SentryAppender">
 *   <dsn>${SENTRY_DSN}</dsn>
 *   <environment>production</environment>
 *   <init>tracesSampleRate=0.2, serverName=api-1</init>
 *   <contextTags>request.*, tenant</contextTags>
 *   <userMdcKeys>id=userId, email=userEmail</userMdcKeys>
 * </appender>
 * }</pre>
 *
 * <p>Every setting is an element of the same name as in {@code log4j2.xml} and in {@link
 * BridgeSettings} / {@link CaptureRules}, given as text. {@code <init>} holds SDK options as
 * {@code name=value} entries separated by commas, semicolons or line breaks; it may be repeated,
 * and a piece without {@code =} continues the previous value ({@code
 * inAppIncludes=com.example,org.acme}). This is the shape Logback's configurator supports for
 * options whose names it cannot know in advance.
 *
 * <p>{@link #start()} validates everything and reports each problem as a warning ({@code addWarn},
 * and on the logger {@code org.sentrybridge}); with any problem the appender does not start,
 * sentry-bridge stays off, and the application runs on ({@code failOnConfigurationError=true}
 * makes them errors). A missing DSN (or an unresolved {@code ${SENTRY_DSN}}) gives one info line
 * and an appender that costs next to nothing.
 */
public class SentryAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

  /** The mechanism type of events from this appender. */
  public static final String MECHANISM_TYPE = "logback";

  /** The official Sentry appender, which must not send the errors this one sends. */
  static final String OFFICIAL_APPENDER = "io.sentry.logback.SentryAppender";

  /** The settings as the configuration gives them, parsed in {@link #start()}. */
  private final SettingsText configured = new SettingsText();

  private volatile LogEventForwarder forwarder;
  private volatile boolean toldAboutAsync;
  private Duration stopTimeout = BridgeSettings.DEFAULT_FLUSH_TIMEOUT;
  /** Set at the first log event: by then the configuration is complete, every appender attached. */
  private boolean peersChecked;
  /** Denies the official Sentry appenders of this context the events this appender takes. */
  private final OfficialAppenderGuard guard = new OfficialAppenderGuard(this::takes);
  /** The official appenders this appender's guard is on. */
  private final Set<Appender<ILoggingEvent>> guarded = ConcurrentHashMap.newKeySet();
  /** True when the official appender's class can be loaded here: only then is it looked for. */
  private final boolean officialOnClassPath = isOnClassPath(OFFICIAL_APPENDER);
  private final Runnable guardAtConfigurationEnd = this::guardOfficialAppenders;
  private ContextLifecycle lifecycle;
  /** Stopped by a reset: its forwarder is parked for the appender of the next configuration. */
  private volatile boolean parked;
  /**
   * Set while a thread appends through this appender, so that what building the record logs cannot
   * come back in. Logback up to 1.5.20 guards every appender this way; later releases do not unless
   * the appender overrides {@code buildReentryGuard()}, whose return type 1.5.12 to 1.5.20 lack,
   * so that override would break reflection on this class there.
   */
  private final ThreadLocal<boolean[]> appending = ThreadLocal.withInitial(() -> new boolean[1]);
  /** Held while this appender's invalid configuration keeps sentry-bridge off. */
  private SentryService off;
  private FailureReports failures;

  /**
   * The Sentry DSN, usually {@code ${SENTRY_DSN}}. Default: none, then the SDK's usual sources
   * ({@code -Dsentry.dsn}, {@code SENTRY_DSN}, {@code sentry.properties}); with none anywhere the
   * appender sends nothing.
   *
   * @param dsn the text of {@code <dsn>}
   */
  public void setDsn(String dsn) {
    configured.set(Setting.DSN, dsn);
  }

  /**
   * {@code false} turns sentry-bridge fully off. Default {@code true}.
   *
   * @param enabled the text of {@code <enabled>}
   */
  public void setEnabled(String enabled) {
    configured.set(Setting.ENABLED, enabled);
  }

  /**
   * Attach logger, thread, MDC, markers, key-values, breadcrumbs and host details. With {@code
   * false} events carry only exception, message, level, timestamp and the trace context (linking an
   * error to its trace is not metadata). Default {@code true}.
   *
   * @param sendMetadata the text of {@code <sendMetadata>}
   */
  public void setSendMetadata(String sendMetadata) {
    configured.set(Setting.SEND_METADATA, sendMetadata);
  }

  /**
   * Errors carry the Sentry scope of the thread that logged them (tags, user, request, trace,
   * breadcrumbs of that scope). {@code false}: that scope is not read; breadcrumbs are kept per
   * appender. Default {@code true}.
   *
   * @param captureScope the text of {@code <captureScope>}
   */
  public void setCaptureScope(String captureScope) {
    configured.set(Setting.CAPTURE_SCOPE, captureScope);
  }

  /**
   * Sentry environment. Default: the SDK's sources ({@code SENTRY_ENVIRONMENT}, ...).
   *
   * @param environment the text of {@code <environment>}
   */
  public void setEnvironment(String environment) {
    configured.set(Setting.ENVIRONMENT, environment);
  }

  /**
   * Sentry release. Default: the SDK's sources ({@code SENTRY_RELEASE}, ...).
   *
   * @param release the text of {@code <release>}
   */
  public void setRelease(String release) {
    configured.set(Setting.RELEASE, release);
  }

  /**
   * SDK options as {@code name=value} entries ({@code tracesSampleRate=0.2, serverName=api-1});
   * may be given several times. Names are those of {@code sentry.properties}, case and dashes
   * do not matter. Default: none.
   *
   * @param init the text of {@code <init>}
   */
  public void setInit(String init) {
    configured.set(Setting.INIT, init);
  }

  /**
   * Lowest level that becomes a Sentry event: TRACE, DEBUG, INFO, WARN, ERROR or OFF. Default
   * {@code ERROR}.
   *
   * @param minimumEventLevel the text of {@code <minimumEventLevel>}
   */
  public void setMinimumEventLevel(String minimumEventLevel) {
    configured.set(Setting.MINIMUM_EVENT_LEVEL, minimumEventLevel);
  }

  /**
   * {@code true}: only log events with a throwable become Sentry events; {@code false}:
   * message-only errors too. Default {@code true}.
   *
   * @param requireThrowable the text of {@code <requireThrowable>}
   */
  public void setRequireThrowable(String requireThrowable) {
    configured.set(Setting.REQUIRE_THROWABLE, requireThrowable);
  }

  /**
   * Lowest level kept as a breadcrumb (with its own timestamp) for the next events of the logging
   * thread's Sentry scope (of this appender with {@code captureScope=false}), or OFF. Default
   * {@code INFO}.
   *
   * @param minimumBreadcrumbLevel the text of {@code <minimumBreadcrumbLevel>}
   */
  public void setMinimumBreadcrumbLevel(String minimumBreadcrumbLevel) {
    configured.set(Setting.MINIMUM_BREADCRUMB_LEVEL, minimumBreadcrumbLevel);
  }

  /**
   * Lowest level sent as a Sentry log entry, or OFF, when Sentry Logs are on (the SDK option
   * {@code logs.enabled}, e.g. {@code <init>logs.enabled=true</init>}). Default {@code INFO}, as in
   * the official appender.
   *
   * @param minimumLevel the text of {@code <minimumLevel>}
   */
  public void setMinimumLevel(String minimumLevel) {
    configured.set(Setting.MINIMUM_LEVEL, minimumLevel);
  }

  /**
   * MDC keys promoted to Sentry tags, comma-separated, globs allowed ({@code request.*}); other
   * MDC entries go to the context {@code MDC}. Default: none.
   *
   * @param contextTags the text of {@code <contextTags>}
   */
  public void setContextTags(String contextTags) {
    configured.set(Setting.CONTEXT_TAGS, contextTags);
  }

  /**
   * Which MDC keys fill the Sentry user: {@code id=userId, email=userEmail, ipAddress=clientIp,
   * username=login}. Default: none.
   *
   * @param userMdcKeys the text of {@code <userMdcKeys>}
   */
  public void setUserMdcKeys(String userMdcKeys) {
    configured.set(Setting.USER_MDC_KEYS, userMdcKeys);
  }

  /**
   * Exception class names never sent, subclasses included; comma-separated. Default: none.
   *
   * @param ignoredExceptions the text of {@code <ignoredExceptions>}
   */
  public void setIgnoredExceptions(String ignoredExceptions) {
    configured.set(Setting.IGNORED_EXCEPTIONS, ignoredExceptions);
  }

  /**
   * Loggers never sent, with the loggers below them ({@code com.example.noisy}); comma-separated. Default: none.
   *
   * @param ignoredLoggers the text of {@code <ignoredLoggers>}
   */
  public void setIgnoredLoggers(String ignoredLoggers) {
    configured.set(Setting.IGNORED_LOGGERS, ignoredLoggers);
  }

  /**
   * Breadcrumbs kept per Sentry scope (per appender with {@code captureScope=false}); 0 to 1000,
   * higher values are capped. Default {@code 100}.
   *
   * @param maxBreadcrumbs the text of {@code <maxBreadcrumbs>}
   */
  public void setMaxBreadcrumbs(String maxBreadcrumbs) {
    configured.set(Setting.MAX_BREADCRUMBS, maxBreadcrumbs);
  }

  /**
   * Directory for undelivered envelopes. Default {@code <java.io.tmpdir>/sentry-bridge-<user
   * name>/<hash of the DSN>}, private to the OS user.
   *
   * @param bufferDir the text of {@code <bufferDir>}
   */
  public void setBufferDir(String bufferDir) {
    configured.set(Setting.BUFFER_DIR, bufferDir);
  }

  /**
   * Log events that may wait for the delivery thread; more are dropped and counted. Default 10000.
   *
   * @param queueSize the text of {@code <queueSize>}
   */
  public void setQueueSize(String queueSize) {
    configured.set(Setting.QUEUE_SIZE, queueSize);
  }

  /**
   * Envelopes kept in memory before they spill to {@code bufferDir}. Default 2000.
   *
   * @param maxBufferedEvents the text of {@code <maxBufferedEvents>}
   */
  public void setMaxBufferedEvents(String maxBufferedEvents) {
    configured.set(Setting.MAX_BUFFERED_EVENTS, maxBufferedEvents);
  }

  /**
   * Disk space for undelivered envelopes ({@code 1048576}, {@code 512KB}, {@code 64MB}). Default
   * 100MB.
   *
   * @param maxBufferBytes the text of {@code <maxBufferBytes>}
   */
  public void setMaxBufferBytes(String maxBufferBytes) {
    configured.set(Setting.MAX_BUFFER_BYTES, maxBufferBytes);
  }

  /**
   * Requests to Sentry that may await their answer at the same time, 1 to 256 (connections are
   * reused; HTTP/2 where Sentry speaks it). Default 32.
   *
   * @param maxRequestsInFlight the text of {@code <maxRequestsInFlight>}
   */
  public void setMaxRequestsInFlight(String maxRequestsInFlight) {
    configured.set(Setting.MAX_REQUESTS_IN_FLIGHT, maxRequestsInFlight);
  }

  /**
   * The same error within this window is sent once with a repeat count ({@code 500ms}, {@code
   * 30s}, {@code 5m}, {@code PT1M}); 0 turns it off. Default {@code 60s}.
   *
   * @param dedupeWindow the text of {@code <dedupeWindow>}
   */
  public void setDedupeWindow(String dedupeWindow) {
    configured.set(Setting.DEDUPE_WINDOW, dedupeWindow);
  }

  /**
   * How long {@link #stop()} waits for pending events to be delivered; once Sentry is unreachable
   * (a request failed on the network, before the stop or during it, and one more made at once
   * failed too), not at all: they stay on disk. Default {@code 5s}.
   *
   * @param flushTimeout the text of {@code <flushTimeout>}
   */
  public void setFlushTimeout(String flushTimeout) {
    configured.set(Setting.FLUSH_TIMEOUT, flushTimeout);
  }

  /**
   * {@code true} reports configuration problems as Logback status errors instead of warnings,
   * which makes loaders that stop on them (Spring Boot) refuse to start: for teams that want a bad
   * Sentry setting to fail fast. Default {@code false}: warnings, and the application starts with
   * sentry-bridge off.
   *
   * @param failOnConfigurationError the text of {@code <failOnConfigurationError>}
   */
  public void setFailOnConfigurationError(String failOnConfigurationError) {
    configured.set(Setting.FAIL_ON_CONFIGURATION_ERROR, failOnConfigurationError);
  }

  @Override
  public void start() {
    if (isStarted()) {
      return;
    }
    lifecycle = contextLifecycle();
    LogbackStatusReporter reporter = new LogbackStatusReporter(this, lifecycle);
    SettingsText.Parsed parsed = configured.parse(MECHANISM_TYPE);
    BridgeSettings settings = parsed.settings();
    CaptureRules rules = parsed.rules();
    List<String> problems = parsed.problems();
    if (!problems.isEmpty()) {
      for (String problem : problems) {
        reporter.problem(
            "Sentry appender [" + getName() + "]: " + problem
                + "; correct that element, the appender is not started",
            settings.failOnConfigurationError());
      }
      closeOff();
      // a share parked by a reset stays with the context, which closes it; not this appender's
      forwarder = null;
      parked = false;
      off =
          SentryBridge.off(
              "the configuration of the Sentry appender [" + getName() + "] has errors", reporter);
      return;
    }
    stopTimeout = settings.flushTimeout();
    LogEventForwarder started =
        lifecycle == null
            ? SentryBridge.forwarder(settings, rules, reporter)
            : lifecycle.takeOver(settings, rules, reporter);
    MDCAdapter mdc = mdcAdapter();
    started.shareCallerContext(mdc, mdc::getCopyOfContextMap);
    forwarder = started;
    peersChecked = false;
    parked = false;
    failures = new FailureReports(reporter, getName());
    super.start();
    if (officialOnClassPath) {
      // official appenders attached later are guarded when the configuration ends, or (added by
      // code) at the first error of a logger they are attached to
      guardOfficialAppenders();
      if (lifecycle != null) {
        lifecycle.onConfigured(guardAtConfigurationEnd);
      }
    }
  }

  /**
   * Runs the appender's filters and {@link #append} under this appender's own re-entry guard
   * ({@link #appending}), not Logback's, which up to Logback 1.5.20 was a second thread-local
   * guard of the same kind. An event that reaches this appender after a reset stopped it, before
   * the reset detached it, still goes to the integration, which runs on for the next
   * configuration: Logback would drop it. With no DSN, {@code enabled=false} or the integration
   * stopped, an event returns before the guard and the filters: nothing would take it. Whatever a
   * filter throws is reported like an event the appender could not take (once a minute, on the
   * status channel), never passed to the application.
   */
  @Override
  public void doAppend(ILoggingEvent event) {
    LogEventForwarder target = forwarder;
    if (target != null && !target.isEnabled()) {
      return; // no DSN, enabled=false or the integration stopped: append would take nothing
    }
    if (!isStarted() && !parked) {
      if (!ContextLifecycle.LOGGER_NAME.equals(event.getLoggerName())) {
        // Logback's warning about an appender that is not started; sentry-bridge's own line about
        // why it did not start is not for Sentry
        super.doAppend(event);
      }
      return;
    }
    boolean[] busy = appending.get();
    if (busy[0]) {
      return; // logged while this thread appends (an argument's toString(), the SDK): not again
    }
    busy[0] = true;
    try {
      if (getFilterChainDecision(event) != FilterReply.DENY) {
        append(event);
      }
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      failures.report(e); // from a filter: append itself lets nothing through
    } finally {
      busy[0] = false;
    }
  }

  @Override
  protected void append(ILoggingEvent event) {
    LogEventForwarder target = forwarder;
    if (target == null || !target.isEnabled()) {
      return;
    }
    try {
      checkPeersOnce(target);
      LogLevel level = LogbackEvents.level(event.getLevel());
      Throwable throwable = LogbackEvents.throwable(event);
      String loggerName = event.getLoggerName();
      int kinds = target.classify(level, loggerName, throwable);
      if (kinds == 0) {
        return;
      }
      boolean onLoggingThread = LogbackEvents.isOnLoggingThread(event);
      LogRecord record = null;
      boolean isEvent = (kinds & LogEventForwarder.EVENT) != 0;
      boolean isBreadcrumb = (kinds & LogEventForwarder.BREADCRUMB) != 0;
      if ((kinds & LogEventForwarder.LOG) != 0) {
        record =
            isEvent || !onLoggingThread
                // an error keeps the whole MDC; behind an AsyncAppender it holds the trace ids
                ? LogbackEvents.toRecord(event, level, throwable, onLoggingThread)
                : LogbackEvents.toLogEntryRecord(
                    event, level, throwable, target.logEntryContext());
        if (!onLoggingThread) {
          tellAboutAsyncOnce(record);
          target.logFromAnotherThread(record, event.getArgumentArray());
        } else if (isBreadcrumb) {
          // one read of the scopes for both, the breadcrumb from the record just made
          target.logWithBreadcrumb(record, event.getArgumentArray());
          return;
        } else {
          target.log(record, event.getArgumentArray());
        }
      }
      if (isEvent) {
        if (officialOnClassPath) {
          guardOfficialAppendersOf(loggerName);
        }
        if (record == null) {
          record = LogbackEvents.toRecord(event, level, throwable, onLoggingThread);
        }
        if (onLoggingThread) {
          target.forward(record);
        } else {
          // behind an AsyncAppender: only what the logging thread put into the event is known
          tellAboutAsyncOnce(record);
          target.forwardFromAnotherThread(
              record, event.hasCallerData() ? event.getCallerData() : null);
        }
      } else if (isBreadcrumb) {
        Instant timestamp = LogbackEvents.instant(event);
        if (onLoggingThread) {
          // formatted only if an event takes the breadcrumb, on the delivery thread
          target.breadcrumb(
              timestamp, level, loggerName, event.getMessage(),
              LogbackEvents.ownedArguments(event));
        } else {
          target.breadcrumbFromAnotherThread(
              timestamp, level, loggerName, event.getFormattedMessage(),
              TraceIds.traceIdIn(event.getMDCPropertyMap()), event.getThreadName());
        }
      }
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      // never into the application, whatever user code threw (Logback itself passes Errors on)
      failures.report(e);
    }
  }

  private void tellAboutAsyncOnce(LogRecord record) {
    if (!toldAboutAsync && TraceIds.traceIdIn(record.contextData()) == null) {
      toldAboutAsync = true;
      addWarn(
          "Sentry appender [" + getName() + "] runs behind an asynchronous appender, where the"
              + " logging thread's Sentry scope cannot be read: add <turboFilter class=\""
              + SentryTraceIds.class.getName() + "\"/> to the configuration so that errors carry"
              + " the logging thread's trace");
    }
  }

  /**
   * Gives this appender's share of the integration back: while others hold it this returns at
   * once and they deliver what this appender queued; the last holder delivers within {@code
   * flushTimeout} and stops it. Stopped by a reset, the appender keeps its share for the appender
   * of the next configuration instead (see {@link ContextLifecycle}), so a reconfiguration neither
   * restarts the integration nor waits for the network. Safe to call more than once.
   */
  @Override
  public void stop() {
    closeOff();
    if (!isStarted()) {
      return;
    }
    LogEventForwarder closing = forwarder;
    boolean resetting = closing != null && lifecycle != null && lifecycle.isResetting();
    // parked before the stop: an event arriving in between still goes out, as after it
    parked = resetting;
    super.stop();
    if (lifecycle != null) {
      lifecycle.removeOnConfigured(guardAtConfigurationEnd);
    }
    if (closing == null) {
      return;
    }
    if (resetting) {
      lifecycle.park(closing);
      return;
    }
    forwarder = null;
    if (!closing.close(stopTimeout)) {
      addWarn(
          "Sentry appender [" + getName() + "]: not every event was delivered within "
              + stopTimeout.toMillis() + " ms");
    }
  }

  private ContextLifecycle contextLifecycle() {
    try {
      return ContextLifecycle.of(getContext());
    } catch (LinkageError olderLogback) {
      // no configuration events: a stop closes at once, the lines stay on the status channel
      return null;
    }
  }

  private void closeOff() {
    SentryService held = off;
    off = null;
    if (held != null) {
      held.close();
    }
  }

  /** The MDC this context's events carry, which {@code sendError} also reads. */
  private MDCAdapter mdcAdapter() {
    MDCAdapter adapter =
        getContext() instanceof LoggerContext ? ((LoggerContext) getContext()).getMDCAdapter() : null;
    return adapter != null ? adapter : MDC.getMDCAdapter();
  }

  /**
   * At the first log event, when the configuration is complete: guards the official Sentry
   * appenders of this context, and warns (once per process) that one runs next to this one.
   */
  private void checkPeersOnce(LogEventForwarder target) {
    if (!peersChecked) {
      peersChecked = true;
      if (officialOnClassPath) {
        guardOfficialAppenders();
      }
    }
  }

  /** Guards every official Sentry appender attached to a logger of this context. */
  private void guardOfficialAppenders() {
    if (getContext() instanceof LoggerContext) {
      for (Logger logger : ((LoggerContext) getContext()).getLoggerList()) {
        guardOfficialAppendersOn(logger);
      }
    }
  }

  /** Guards the official appenders that the events of this logger reach, before they see them. */
  private void guardOfficialAppendersOf(String loggerName) {
    if (!(getContext() instanceof LoggerContext)) {
      return;
    }
    LoggerContext context = (LoggerContext) getContext();
    String name = loggerName == null ? Logger.ROOT_LOGGER_NAME : loggerName;
    while (true) {
      Logger logger = context.exists(name);
      if (logger != null) {
        guardOfficialAppendersOn(logger);
        if (!logger.isAdditive()) {
          return;
        }
      }
      if (name.equals(Logger.ROOT_LOGGER_NAME)) {
        return;
      }
      int separator = Math.max(name.lastIndexOf('.'), name.lastIndexOf('$'));
      name = separator > 0 ? name.substring(0, separator) : Logger.ROOT_LOGGER_NAME;
    }
  }

  private void guardOfficialAppendersOn(Logger logger) {
    for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
      Appender<ILoggingEvent> appender = it.next();
      if (OfficialAppenders.isOfficial(appender.getClass(), OFFICIAL_APPENDER)
          && guarded.add(appender)) {
        appender.addFilter(guard);
        OfficialAppenders.watch(appender, Appender::isStarted);
        LogEventForwarder target = forwarder;
        if (target != null) {
          target.officialAppenderFound(
              OFFICIAL_APPENDER + " [" + appender.getName() + "]",
              new LogbackStatusReporter(this, lifecycle));
        }
      }
    }
  }

  private static boolean isOnClassPath(String className) {
    try {
      Class.forName(className, false, SentryAppender.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }

  /**
   * True when this appender takes {@code event} as a Sentry event: it is attached to the event's
   * logger (or, through additivity, to a parent), its filters let the event through, and its rules
   * select it. The official appender is denied such an event.
   */
  private boolean takes(ILoggingEvent event) {
    LogEventForwarder target = forwarder;
    if (target == null || !target.isEnabled() || !(isStarted() || parked)) {
      return false;
    }
    LoggerContextVO origin = event.getLoggerContextVO();
    if (!(getContext() instanceof LoggerContext)
        || (origin != null && !Objects.equals(origin.getName(), getContext().getName()))) {
      return false;
    }
    return target.isEvent(
            LogbackEvents.level(event.getLevel()),
            event.getLoggerName(),
            LogbackEvents.throwable(event))
        && isAttachedFor(event.getLoggerName())
        && getFilterChainDecision(event) != FilterReply.DENY;
  }

  /** True when events of this logger reach this appender, directly or through additivity. */
  private boolean isAttachedFor(String loggerName) {
    LoggerContext context = (LoggerContext) getContext();
    String name = loggerName == null ? Logger.ROOT_LOGGER_NAME : loggerName;
    while (true) {
      Logger logger = context.exists(name);
      if (logger != null) {
        if (logger.isAttached(this)) {
          return true;
        }
        if (!logger.isAdditive()) {
          return false;
        }
      }
      if (name.equals(Logger.ROOT_LOGGER_NAME)) {
        return false;
      }
      int separator = Math.max(name.lastIndexOf('.'), name.lastIndexOf('$'));
      name = separator > 0 ? name.substring(0, separator) : Logger.ROOT_LOGGER_NAME;
    }
  }
}
