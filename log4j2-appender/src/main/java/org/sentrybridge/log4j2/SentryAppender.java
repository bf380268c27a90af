package org.sentrybridge.log4j2;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;
import org.apache.logging.log4j.core.config.plugins.PluginElement;
import org.apache.logging.log4j.core.filter.Filterable;
import org.apache.logging.log4j.message.Message;
import org.sentrybridge.LogEventForwarder;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.internal.OfficialAppenders;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.config.Setting;
import org.sentrybridge.config.SettingsText;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.LogLevel;
import org.sentrybridge.event.LogRecord;
import org.sentrybridge.event.MessageTemplates;

/**
 * Sends logged errors to Sentry: {@code <SentryBridge name="Sentry" dsn="${env:SENTRY_DSN}"/>}.
 * The logging thread only decides and enqueues; a delivery thread builds and sends the events.
 * Without a DSN it is a pass-through that costs one check per log event.
 */
@Plugin(
    name = SentryAppender.PLUGIN_NAME,
    category = Core.CATEGORY_NAME,
    elementType = Appender.ELEMENT_TYPE,
    printObject = true)
public final class SentryAppender extends AbstractAppender {

  /** The element name in {@code log4j2.xml}; not {@code Sentry}, so it never meets that plugin. */
  public static final String PLUGIN_NAME = "SentryBridge";
  /** The exception mechanism type events carry. */
  public static final String MECHANISM_TYPE = "log4j2";

  /** The official Sentry appender ({@code <Sentry>}), which must not send what this one sends. */
  static final String OFFICIAL_APPENDER = "io.sentry.log4j2.SentryAppender";

  /** Set while this thread appends, so whatever the conversion logs cannot come back in. */
  private static final ThreadLocal<boolean[]> APPENDING = ThreadLocal.withInitial(() -> new boolean[1]);

  private final SentryManager manager;
  private final Configuration configuration;
  private final AtomicBoolean released = new AtomicBoolean();
  /** Denies the official Sentry appenders of this configuration the events this one takes. */
  private final OfficialAppenderGuard guard = new OfficialAppenderGuard(this::takes);
  /** The official appenders this appender's guard is on. */
  private final List<Filterable> guarded = new ArrayList<>();
  private final AtomicBoolean suppliesTraceIds = new AtomicBoolean();

  private SentryAppender(
      String name,
      Filter filter,
      boolean ignoreExceptions,
      Property[] properties,
      SentryManager manager,
      Configuration configuration) {
    super(name, filter, null, ignoreExceptions, properties);
    this.manager = manager;
    this.configuration = configuration;
  }

  /**
   * Starts; by now every appender of the configuration exists, so an official Sentry appender
   * among them is reported here, whatever the order of declaration.
   */
  @Override
  public void start() {
    super.start();
    LogEventForwarder forwarder = manager.forwarder();
    if (forwarder.isEnabled() && AsyncSetups.present(configuration)) {
      supplyTraceIds();
    }
    if (configuration != null && forwarder.isEnabled()) {
      guard.start();
      for (Appender appender : configuration.getAppenders().values()) {
        if (OfficialAppenders.isOfficial(appender.getClass(), OFFICIAL_APPENDER)
            && appender instanceof Filterable) {
          Filterable official = (Filterable) appender;
          official.addFilter(guard);
          synchronized (guarded) {
            guarded.add(official);
          }
          OfficialAppenders.watch(appender, Appender::isStarted);
          forwarder.officialAppenderFound(
              OFFICIAL_APPENDER + " '" + appender.getName() + "'",
              new StatusLoggerReporter(getName(), configuration));
        }
      }
    }
  }


  /**
   * True when this appender takes {@code event} as a Sentry event: the event's logger config
   * (or a parent, through additivity) refers to this appender, its filter lets the event through
   * and its rules select it. The official appender is denied such an event.
   */
  private boolean takes(LogEvent event) {
    if (!isStarted() || configuration == null) {
      return false;
    }
    LogEventForwarder forwarder = manager.forwarder();
    if (!forwarder.isEnabled()
        || !forwarder.isEvent(
            LogEventConverter.level(event.getLevel()), event.getLoggerName(), event.getThrown())
        || isFiltered(event)) {
      return false;
    }
    String loggerName = event.getLoggerName() == null ? "" : event.getLoggerName();
    for (LoggerConfig config = configuration.getLoggerConfig(loggerName);
        config != null;
        config = config.getParent()) {
      if (config.getAppenders().get(getName()) == this) {
        return true;
      }
      if (!config.isAdditive()) {
        return false;
      }
    }
    return false;
  }

  /**
   * The builder Log4j2 fills from the {@code <SentryBridge>} element.
   *
   * @return a new builder
   */
  @PluginBuilderFactory
  public static Builder newBuilder() {
    return new Builder();
  }

  @Override
  public void append(LogEvent event) {
    LogEventForwarder forwarder = manager.forwarder();
    if (!forwarder.isEnabled()) {
      return;
    }
    boolean[] appending = APPENDING.get();
    if (appending[0]) {
      return;
    }
    appending[0] = true;
    try {
      LogLevel level = LogEventConverter.level(event.getLevel());
      String loggerName = event.getLoggerName();
      int kinds = forwarder.classify(level, loggerName, event.getThrown());
      if (kinds == 0) {
        return;
      }
      boolean onLoggingThread = event.getThreadId() == Thread.currentThread().getId();
      Message message = event.getMessage();
      // a reusable message's parameters are copied once per line, whatever takes them
      Object[] parameters = null;
      boolean parametersRead = false;
      LogRecord record = null;
      boolean isEvent = (kinds & LogEventForwarder.EVENT) != 0;
      boolean isBreadcrumb = (kinds & LogEventForwarder.BREADCRUMB) != 0;
      if ((kinds & LogEventForwarder.LOG) != 0) {
        // a full queue is counted and reported by the logs thread, rate-limited
        parameters = LogEventConverter.parameters(message);
        parametersRead = true;
        record =
            isEvent || !onLoggingThread
                // an error keeps all the context; behind <Async> it holds the trace ids
                ? LogEventConverter.toRecord(event, level, parameters)
                : LogEventConverter.toLogEntryRecord(
                    event, level, parameters, forwarder.logEntryContext());
        if (!onLoggingThread) {
          forwarder.logFromAnotherThread(record, parameters);
        } else if (isBreadcrumb) {
          // one read of the scopes for both, the breadcrumb from the record just made
          forwarder.logWithBreadcrumb(record, parameters);
          return;
        } else {
          forwarder.log(record, parameters);
        }
      }
      if (isEvent) {
        // a full queue is counted and reported by the delivery side, rate-limited
        if (record == null) {
          record = LogEventConverter.toRecord(event, level, LogEventConverter.parameters(message));
        }
        if (onLoggingThread) {
          forwarder.forward(record);
        } else {
          // async logger or appender: only what the logging thread put into the event is known
          supplyTraceIds();
          forwarder.forwardFromAnotherThread(record, LogEventConverter.callerData(event));
        }
      } else if (isBreadcrumb) {
        if (onLoggingThread) {
          if (!parametersRead) {
            parameters = LogEventConverter.parameters(message);
          }
          // the time as numbers: Log4j2 keeps it in fields of its own, no Instant is made
          long epochNanos = LogEventConverter.epochNanos(event);
          if (LogEventConverter.isParameterized(message, parameters)) {
            // formatted only if an event takes the breadcrumb, on the delivery thread
            forwarder.breadcrumb(epochNanos, level, loggerName, message.getFormat(), parameters);
          } else {
            forwarder.breadcrumb(
                epochNanos, level, loggerName, LogEventConverter.formattedMessage(event));
          }
        } else {
          supplyTraceIds();
          forwarder.breadcrumbFromAnotherThread(
              LogEventConverter.timestamp(event),
              level,
              loggerName,
              LogEventConverter.formattedMessage(event),
              LogEventConverter.traceId(event),
              event.getThreadName());
        }
      }
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      // never into the application, whatever user code threw; the error handler rate-limits these
      error(
          "SentryBridge appender '" + getName() + "' could not take a log event: "
              + MessageTemplates.text(e),
          event,
          e);
    } finally {
      appending[0] = false;
    }
  }

  /**
   * From now on the logging threads leave their trace ids in the log events' context data: this
   * appender is reached through an asynchronous appender or logger. Found at start from the
   * configuration; an event that still arrives on another thread (a hand-off the configuration
   * does not show) turns it on too. Without the provider's registration (the async jar) it says
   * once, as a warning, what to add.
   */
  private void supplyTraceIds() {
    if (!suppliesTraceIds.get()) {
      synchronized (suppliesTraceIds) {
        if (!released.get() && suppliesTraceIds.compareAndSet(false, true)) {
          SentryTraceContextData.appenderStarted();
          if (!SentryTraceContextData.isRegistered()) {
            new StatusLoggerReporter(getName(), configuration)
                .warn(
                    "runs behind an asynchronous appender or logger, where the logging thread's"
                        + " Sentry scope cannot be read: add "
                        + SentryTraceContextData.ARTIFACT
                        + " to the class path so that errors and logs carry the logging thread's"
                        + " trace");
          }
        }
      }
    }
  }

  /** Stops taking events; the last appender on the manager flushes within the timeout. */
  @Override
  public boolean stop(long timeout, TimeUnit timeUnit) {
    if (!released.compareAndSet(false, true)) {
      // a second stop must not take away a reference a newer configuration holds
      return true;
    }
    setStopping();
    synchronized (guarded) {
      for (Filterable official : guarded) {
        official.removeFilter(guard);
      }
      guarded.clear();
    }
    synchronized (suppliesTraceIds) {
      if (suppliesTraceIds.compareAndSet(true, false)) {
        SentryTraceContextData.appenderStopped();
      }
    }
    boolean stopped = super.stop(timeout, timeUnit, false);
    stopped &= manager.stop(timeout, timeUnit);
    setStopped();
    return stopped;
  }

  SentryManager manager() {
    return manager;
  }

  /**
   * The {@code <SentryBridge>} attributes. Every value is text, parsed by the core so that a bad
   * value gets the same message as in {@code logback.xml}. Invalid settings are reported as
   * warnings on the status logger and the logger {@code org.sentrybridge}, each naming its
   * attribute; no appender is created and sentry-bridge stays off.
   */
  public static final class Builder extends AbstractAppender.Builder<Builder>
      implements org.apache.logging.log4j.core.util.Builder<SentryAppender> {

    @PluginBuilderAttribute(sensitive = true)
    private String dsn;

    @PluginBuilderAttribute private String enabled;
    @PluginBuilderAttribute private String sendMetadata;
    @PluginBuilderAttribute private String captureScope;
    @PluginBuilderAttribute private String environment;
    @PluginBuilderAttribute private String release;
    @PluginBuilderAttribute private String minimumEventLevel;
    @PluginBuilderAttribute private String requireThrowable;
    @PluginBuilderAttribute private String minimumBreadcrumbLevel;
    @PluginBuilderAttribute private String minimumLevel;
    @PluginBuilderAttribute private String contextTags;
    @PluginBuilderAttribute private String userMdcKeys;
    @PluginBuilderAttribute private String ignoredExceptions;
    @PluginBuilderAttribute private String ignoredLoggers;
    @PluginBuilderAttribute private String maxBreadcrumbs;
    @PluginBuilderAttribute private String bufferDir;
    @PluginBuilderAttribute private String queueSize;
    @PluginBuilderAttribute private String maxBufferedEvents;
    @PluginBuilderAttribute private String maxBufferBytes;
    @PluginBuilderAttribute private String maxRequestsInFlight;
    @PluginBuilderAttribute private String dedupeWindow;
    @PluginBuilderAttribute private String flushTimeout;
    @PluginBuilderAttribute private String failOnConfigurationError;

    @PluginElement("Options")
    private InitOption[] options = new InitOption[0];

    Builder() {}

    /**
     * The Sentry DSN, e.g. {@code ${env:SENTRY_DSN}}. Default: none, then the SDK's sources
     * ({@code -Dsentry.dsn}, {@code SENTRY_DSN}, {@code sentry.properties}); with none anywhere,
     * or an unresolved {@code ${...}}, the appender passes everything through and sends nothing.
     *
     * @param dsn the value of the attribute {@code dsn}
     * @return this builder
     */
    public Builder setDsn(String dsn) {
      this.dsn = dsn;
      return this;
    }

    /**
     * {@code false} turns sentry-bridge fully off. Default {@code true}.
     *
     * @param enabled the value of the attribute {@code enabled}
     * @return this builder
     */
    public Builder setEnabled(String enabled) {
      this.enabled = enabled;
      return this;
    }

    /**
     * Attach OS, runtime, host, logger, thread and ThreadContext to events. Default {@code true}.
     *
     * @param sendMetadata the value of the attribute {@code sendMetadata}
     * @return this builder
     */
    public Builder setSendMetadata(String sendMetadata) {
      this.sendMetadata = sendMetadata;
      return this;
    }

    /**
     * Errors carry the Sentry scope of the thread that logged them (tags, user, request, trace,
     * breadcrumbs of that scope); {@code false}: that scope is not read, breadcrumbs are kept per
     * appender. Default {@code true}.
     *
     * @param captureScope the value of the attribute {@code captureScope}
     * @return this builder
     */
    public Builder setCaptureScope(String captureScope) {
      this.captureScope = captureScope;
      return this;
    }

    /**
     * Sentry environment. Default: the SDK's sources, else none.
     *
     * @param environment the value of the attribute {@code environment}
     * @return this builder
     */
    public Builder setEnvironment(String environment) {
      this.environment = environment;
      return this;
    }

    /**
     * Sentry release. Default: the SDK's sources, else none.
     *
     * @param release the value of the attribute {@code release}
     * @return this builder
     */
    public Builder setRelease(String release) {
      this.release = release;
      return this;
    }

    /**
     * Lowest level that becomes a Sentry event ({@code TRACE} … {@code FATAL}, {@code OFF}).
     * Default {@code ERROR}.
     *
     * @param minimumEventLevel the value of the attribute {@code minimumEventLevel}
     * @return this builder
     */
    public Builder setMinimumEventLevel(String minimumEventLevel) {
      this.minimumEventLevel = minimumEventLevel;
      return this;
    }

    /**
     * Only log events with an exception become Sentry events. Default {@code true}.
     *
     * @param requireThrowable the value of the attribute {@code requireThrowable}
     * @return this builder
     */
    public Builder setRequireThrowable(String requireThrowable) {
      this.requireThrowable = requireThrowable;
      return this;
    }

    /**
     * Lowest level kept as a breadcrumb for the next events of the logging thread's Sentry scope
     * (of this appender with {@code captureScope=false}); {@code OFF}: none. Default {@code INFO}.
     *
     * @param minimumBreadcrumbLevel the value of the attribute {@code minimumBreadcrumbLevel}
     * @return this builder
     */
    public Builder setMinimumBreadcrumbLevel(String minimumBreadcrumbLevel) {
      this.minimumBreadcrumbLevel = minimumBreadcrumbLevel;
      return this;
    }

    /**
     * Lowest level sent as a Sentry log entry ({@code OFF}: none) when Sentry Logs are on (the
     * SDK option {@code logs.enabled}, e.g. {@code <Option name="logs.enabled"
     * value="true"/>}). Default {@code INFO}, as in the official appender.
     *
     * @param minimumLevel the value of the attribute {@code minimumLevel}
     * @return this builder
     */
    public Builder setMinimumLevel(String minimumLevel) {
      this.minimumLevel = minimumLevel;
      return this;
    }

    /**
     * ThreadContext keys or globs ({@code request.*}) sent as tags, comma-separated. Default none.
     *
     * @param contextTags the value of the attribute {@code contextTags}
     * @return this builder
     */
    public Builder setContextTags(String contextTags) {
      this.contextTags = contextTags;
      return this;
    }

    /**
     * ThreadContext keys that fill the Sentry user: {@code id=userId, email=mail, ipAddress=ip,
     * username=login}. Default none.
     *
     * @param userMdcKeys the value of the attribute {@code userMdcKeys}
     * @return this builder
     */
    public Builder setUserMdcKeys(String userMdcKeys) {
      this.userMdcKeys = userMdcKeys;
      return this;
    }

    /**
     * Exception class names never sent (subclasses too), comma-separated. Default none.
     *
     * @param ignoredExceptions the value of the attribute {@code ignoredExceptions}
     * @return this builder
     */
    public Builder setIgnoredExceptions(String ignoredExceptions) {
      this.ignoredExceptions = ignoredExceptions;
      return this;
    }

    /**
     * Loggers never sent, with the loggers below them, comma-separated. Default none.
     *
     * @param ignoredLoggers the value of the attribute {@code ignoredLoggers}
     * @return this builder
     */
    public Builder setIgnoredLoggers(String ignoredLoggers) {
      this.ignoredLoggers = ignoredLoggers;
      return this;
    }

    /**
     * Breadcrumbs kept per Sentry scope (per appender with {@code captureScope=false}); 0: none,
     * at most 1000 (higher values are capped). Default {@code 100}.
     *
     * @param maxBreadcrumbs the value of the attribute {@code maxBreadcrumbs}
     * @return this builder
     */
    public Builder setMaxBreadcrumbs(String maxBreadcrumbs) {
      this.maxBreadcrumbs = maxBreadcrumbs;
      return this;
    }

    /**
     * Directory for undelivered envelopes. Default {@code
     * <java.io.tmpdir>/sentry-bridge-<user>/<DSN hash>}.
     *
     * @param bufferDir the value of the attribute {@code bufferDir}
     * @return this builder
     */
    public Builder setBufferDir(String bufferDir) {
      this.bufferDir = bufferDir;
      return this;
    }

    /**
     * Log events that may wait for the delivery thread. Default {@code 10000}.
     *
     * @param queueSize the value of the attribute {@code queueSize}
     * @return this builder
     */
    public Builder setQueueSize(String queueSize) {
      this.queueSize = queueSize;
      return this;
    }

    /**
     * Envelopes kept in memory before they spill to the buffer directory. Default {@code 2000}.
     *
     * @param maxBufferedEvents the value of the attribute {@code maxBufferedEvents}
     * @return this builder
     */
    public Builder setMaxBufferedEvents(String maxBufferedEvents) {
      this.maxBufferedEvents = maxBufferedEvents;
      return this;
    }

    /**
     * Bytes of envelopes kept on disk ({@code 100MB}, {@code 0}: none). Default {@code 100MB}.
     *
     * @param maxBufferBytes the value of the attribute {@code maxBufferBytes}
     * @return this builder
     */
    public Builder setMaxBufferBytes(String maxBufferBytes) {
      this.maxBufferBytes = maxBufferBytes;
      return this;
    }

    /**
     * Requests to Sentry awaiting their answer at the same time, 1 to 256. Default {@code 32}.
     *
     * @param maxRequestsInFlight the value of the attribute {@code maxRequestsInFlight}
     * @return this builder
     */
    public Builder setMaxRequestsInFlight(String maxRequestsInFlight) {
      this.maxRequestsInFlight = maxRequestsInFlight;
      return this;
    }

    /**
     * The same error within this window is sent once with a count ({@code 0}: off). Default
     * {@code 60s}.
     *
     * @param dedupeWindow the value of the attribute {@code dedupeWindow}
     * @return this builder
     */
    public Builder setDedupeWindow(String dedupeWindow) {
      this.dedupeWindow = dedupeWindow;
      return this;
    }

    /**
     * How long stopping waits for queued events to be delivered (once Sentry is unreachable, two
     * requests in a row, the second made at once, not at all: they stay on disk); the stop timeout
     * Log4j2 passes is not used ({@code LogManager.shutdown()} gives 50 ms). Default {@code 5s}.
     *
     * @param flushTimeout the value of the attribute {@code flushTimeout}
     * @return this builder
     */
    public Builder setFlushTimeout(String flushTimeout) {
      this.flushTimeout = flushTimeout;
      return this;
    }

    /**
     * {@code true} reports configuration problems as status errors instead of warnings, for teams
     * that want a bad Sentry setting to fail fast (Log4j2 itself starts either way; tools that
     * check the status for errors see them). Default {@code false}: warnings, and sentry-bridge
     * stays off while the application runs.
     *
     * @param failOnConfigurationError {@code true} or {@code false}
     * @return this builder
     */
    public Builder setFailOnConfigurationError(String failOnConfigurationError) {
      this.failOnConfigurationError = failOnConfigurationError;
      return this;
    }

    /**
     * SDK options, the nested {@code <Option name="..." value="..."/>} elements. Default none.
     *
     * @param options the nested elements
     * @return this builder
     */
    public Builder setOptions(InitOption... options) {
      this.options = options == null ? new InitOption[0] : options;
      return this;
    }

    @Override
    public SentryAppender build() {
      String name = getName();
      SettingsText.Parsed parsed = configured().parse(MECHANISM_TYPE);
      BridgeSettings settings = parsed.settings();
      if (name == null || name.trim().isEmpty()) {
        new StatusLoggerReporter("(no name)", getConfiguration())
            .problem(
                "a <SentryBridge> element has no name attribute; set name=\"Sentry\"",
                settings.failOnConfigurationError());
        return null;
      }
      StatusLoggerReporter reporter = new StatusLoggerReporter(name, getConfiguration());
      CaptureRules rules = parsed.rules();
      List<String> problems = parsed.problems();
      if (!problems.isEmpty()) {
        for (String problem : problems) {
          reporter.problem(
              problem + ". Fix it in <SentryBridge name=\"" + name + "\">; this appender is not"
                  + " created",
              settings.failOnConfigurationError());
        }
        // sentry-bridge stays off until a valid configuration starts it
        SentryBridge.off("the configuration of the SentryBridge appender '" + name + "' has errors",
            reporter);
        return null;
      }
      SentryManager manager = SentryManager.getManager(managerKey(name), settings, rules, reporter);
      return new SentryAppender(
          name, getFilter(), isIgnoreExceptions(), getPropertyArray(), manager, getConfiguration());
    }

    /**
     * Same name and same attributes give the same key, so a reload of an unchanged configuration
     * keeps its manager; the key holds a hash, never the DSN itself.
     */
    String managerKey(String name) {
      return PLUGIN_NAME + "[" + name + "]#" + configured().identity();
    }

    /**
     * Every attribute, each read from the field of its setting's name that Log4j2 filled, so that
     * none can be left out of the settings or of the manager's identity (a reload with any
     * attribute changed gets a manager of its own).
     */
    private SettingsText configured() {
      SettingsText configured = new SettingsText();
      for (Setting setting : Setting.values()) {
        if (setting != Setting.INIT) { // SDK options are the nested <Option> elements
          configured.set(setting, attribute(setting));
        }
      }
      for (InitOption option : options) {
        configured.option(option.name(), option.value());
      }
      return configured;
    }

    private String attribute(Setting setting) {
      try {
        return (String) Builder.class.getDeclaredField(setting.settingName()).get(this);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("no attribute for " + setting.settingName(), e);
      }
    }
  }
}
