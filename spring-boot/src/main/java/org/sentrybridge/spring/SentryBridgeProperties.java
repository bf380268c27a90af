package org.sentrybridge.spring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code sentry.*} properties of sentry-bridge, bound from {@code application.properties} /
 * {@code application.yml} (relaxed binding: {@code sentry.flush-timeout}, {@code
 * SENTRY_FLUSH_TIMEOUT}, profiles). The names and meanings are those of the appenders' settings
 * in {@code logback.xml} and {@code log4j2.xml}. Every value is text, validated by sentry-bridge
 * itself: a bad value is reported as a warning and never stops the application.
 */
@ConfigurationProperties(prefix = SentryBridgeProperties.PREFIX)
public class SentryBridgeProperties {

  /** The prefix of every property. */
  public static final String PREFIX = "sentry";

  /** The Sentry DSN (SENTRY_DSN binds here too). Default: none, then the SDK's usual sources (-Dsentry.dsn, sentry.properties); with none anywhere nothing is sent. */
  private String dsn;

  /** false turns sentry-bridge fully off: no appender is attached. Default true. */
  private String enabled = "true";

  /** Attach logger, thread, MDC, markers, key-values, breadcrumbs and host details to events. Default true. */
  private String sendMetadata = "true";

  /** Errors carry the Sentry scope of the thread that logged them (with the request data this module puts there). Default true. */
  private String captureScope = "true";

  /** Sentry environment. Default: SENTRY_ENVIRONMENT, else the first active Spring profile, else the SDK's default. */
  private String environment;

  /** Sentry release. Default: SENTRY_RELEASE, else <artifact>@<version> from META-INF/build-info.properties, else the SDK's sources. */
  private String release;

  /** SDK options by name (sentry.init.traces-sample-rate=0.2, sentry.init.server-name=api-1); names as in sentry.properties, case and dashes do not matter. Default: none. */
  private Map<String, String> init = new LinkedHashMap<>();

  /** Lowest level that becomes a Sentry event: TRACE, DEBUG, INFO, WARN, ERROR, FATAL (Log4j2) or OFF. Default ERROR. */
  private String minimumEventLevel = "ERROR";

  /** true: only log events with a throwable become Sentry events; false: message-only errors too. Default true. */
  private String requireThrowable = "true";

  /** Lowest level kept as a breadcrumb of the logging thread's scope, or OFF. Default INFO. */
  private String minimumBreadcrumbLevel = "INFO";

  /** Lowest level sent as a Sentry log entry when Sentry Logs are on (sentry.init.logs.enabled=true), or OFF. Default INFO. */
  private String minimumLevel = "INFO";

  /** MDC keys promoted to Sentry tags, globs allowed (request.*). Default: none. */
  private List<String> contextTags = new ArrayList<>();

  /** Which MDC keys fill the Sentry user (id=userId, email=userEmail). Default: none. */
  private List<String> userMdcKeys = new ArrayList<>();

  /** Exception class names never sent, subclasses included. Default: none. */
  private List<String> ignoredExceptions = new ArrayList<>();

  /** Loggers never sent, with the loggers below them. Default: none. */
  private List<String> ignoredLoggers = new ArrayList<>();

  /** Breadcrumbs kept per Sentry scope (0 to 1000, higher values are capped). Default 100. */
  private String maxBreadcrumbs = "100";

  /** Directory for undelivered envelopes. Default <java.io.tmpdir>/sentry-bridge-<user name>/<hash of the DSN>. */
  private String bufferDir;

  /** Log events that may wait for the delivery thread; more are dropped and counted. Default 10000. */
  private String queueSize = "10000";

  /** Envelopes kept in memory before they spill to buffer-dir. Default 2000. */
  private String maxBufferedEvents = "2000";

  /** Disk space for undelivered envelopes (512KB, 64MB). Default 100MB. */
  private String maxBufferBytes = "100MB";

  /** Requests to Sentry that may await their answer at the same time, 1 to 256. Default 32. */
  private String maxRequestsInFlight = "32";

  /** The same error within this window is sent once with a repeat count (500ms, 30s, 5m); 0 turns it off. Default 60s. */
  private String dedupeWindow = "60s";

  /** How long the shutdown waits for pending events to be delivered (not at all once Sentry is unreachable: two requests in a row, the second made at once). Default 5s. */
  private String flushTimeout = "5s";

  /** true reports configuration problems as errors (Logback's then stop Spring Boot's start-up) instead of warnings. Default false. */
  private String failOnConfigurationError = "false";

  /** Per servlet request: a Sentry scope of its own with the request, the route as transaction, the Spring Security user (with the SDK option send-default-pii), and unhandled controller exceptions captured once. Default true. */
  private String requestContext = "true";

  /** With the official Sentry Spring Boot starter on the class path, sentry-bridge backs off with one warning; true attaches it anyway (the official starter must then not attach its own appender). Default false. */
  private String takeOver = "false";

  /**
   * The Sentry DSN ({@code SENTRY_DSN} binds here too). Default: none, then the SDK's usual sources ({@code -Dsentry.dsn}, {@code sentry.properties}); with none anywhere nothing is sent.
   *
   * @return the value, or null when not set
   */
  public String getDsn() {
    return dsn;
  }

  /**
   * The Sentry DSN ({@code SENTRY_DSN} binds here too). Default: none, then the SDK's usual sources ({@code -Dsentry.dsn}, {@code sentry.properties}); with none anywhere nothing is sent.
   *
   * @param dsn the value
   */
  public void setDsn(String dsn) {
    this.dsn = dsn;
  }

  /**
   * {@code false} turns sentry-bridge fully off: no appender is attached. Default {@code true}.
   *
   * @return the value, or null when not set
   */
  public String getEnabled() {
    return enabled;
  }

  /**
   * {@code false} turns sentry-bridge fully off: no appender is attached. Default {@code true}.
   *
   * @param enabled the value
   */
  public void setEnabled(String enabled) {
    this.enabled = enabled;
  }

  /**
   * Attach logger, thread, MDC, markers, key-values, breadcrumbs and host details to events. Default {@code true}.
   *
   * @return the value, or null when not set
   */
  public String getSendMetadata() {
    return sendMetadata;
  }

  /**
   * Attach logger, thread, MDC, markers, key-values, breadcrumbs and host details to events. Default {@code true}.
   *
   * @param sendMetadata the value
   */
  public void setSendMetadata(String sendMetadata) {
    this.sendMetadata = sendMetadata;
  }

  /**
   * Errors carry the Sentry scope of the thread that logged them (with the request data this module puts there). Default {@code true}.
   *
   * @return the value, or null when not set
   */
  public String getCaptureScope() {
    return captureScope;
  }

  /**
   * Errors carry the Sentry scope of the thread that logged them (with the request data this module puts there). Default {@code true}.
   *
   * @param captureScope the value
   */
  public void setCaptureScope(String captureScope) {
    this.captureScope = captureScope;
  }

  /**
   * Sentry environment. Default: {@code SENTRY_ENVIRONMENT}, else the first active Spring profile, else the SDK's default.
   *
   * @return the value, or null when not set
   */
  public String getEnvironment() {
    return environment;
  }

  /**
   * Sentry environment. Default: {@code SENTRY_ENVIRONMENT}, else the first active Spring profile, else the SDK's default.
   *
   * @param environment the value
   */
  public void setEnvironment(String environment) {
    this.environment = environment;
  }

  /**
   * Sentry release. Default: {@code SENTRY_RELEASE}, else {@code <artifact>@<version>} from {@code META-INF/build-info.properties}, else the SDK's sources.
   *
   * @return the value, or null when not set
   */
  public String getRelease() {
    return release;
  }

  /**
   * Sentry release. Default: {@code SENTRY_RELEASE}, else {@code <artifact>@<version>} from {@code META-INF/build-info.properties}, else the SDK's sources.
   *
   * @param release the value
   */
  public void setRelease(String release) {
    this.release = release;
  }

  /**
   * SDK options by name ({@code sentry.init.traces-sample-rate=0.2}, {@code sentry.init.server-name=api-1}); names as in {@code sentry.properties}, case and dashes do not matter. Default: none.
   *
   * @return the value, or null when not set
   */
  public Map<String, String> getInit() {
    return init;
  }

  /**
   * SDK options by name ({@code sentry.init.traces-sample-rate=0.2}, {@code sentry.init.server-name=api-1}); names as in {@code sentry.properties}, case and dashes do not matter. Default: none.
   *
   * @param init the value
   */
  public void setInit(Map<String, String> init) {
    this.init = init;
  }

  /**
   * Lowest level that becomes a Sentry event: TRACE, DEBUG, INFO, WARN, ERROR, FATAL (Log4j2) or
   * OFF. Default {@code ERROR}.
   *
   * @return the value, or null when not set
   */
  public String getMinimumEventLevel() {
    return minimumEventLevel;
  }

  /**
   * Lowest level that becomes a Sentry event: TRACE, DEBUG, INFO, WARN, ERROR, FATAL (Log4j2) or
   * OFF. Default {@code ERROR}.
   *
   * @param minimumEventLevel the value
   */
  public void setMinimumEventLevel(String minimumEventLevel) {
    this.minimumEventLevel = minimumEventLevel;
  }

  /**
   * {@code true}: only log events with a throwable become Sentry events; {@code false}: message-only errors too. Default {@code true}.
   *
   * @return the value, or null when not set
   */
  public String getRequireThrowable() {
    return requireThrowable;
  }

  /**
   * {@code true}: only log events with a throwable become Sentry events; {@code false}: message-only errors too. Default {@code true}.
   *
   * @param requireThrowable the value
   */
  public void setRequireThrowable(String requireThrowable) {
    this.requireThrowable = requireThrowable;
  }

  /**
   * Lowest level kept as a breadcrumb of the logging thread's Sentry scope, or OFF. Default {@code
   * INFO}.
   *
   * @return the value, or null when not set
   */
  public String getMinimumBreadcrumbLevel() {
    return minimumBreadcrumbLevel;
  }

  /**
   * Lowest level kept as a breadcrumb of the logging thread's Sentry scope, or OFF. Default {@code
   * INFO}.
   *
   * @param minimumBreadcrumbLevel the value
   */
  public void setMinimumBreadcrumbLevel(String minimumBreadcrumbLevel) {
    this.minimumBreadcrumbLevel = minimumBreadcrumbLevel;
  }

  /**
   * Lowest level sent as a Sentry log entry when Sentry Logs are on ({@code
   * sentry.init.logs.enabled=true}), or OFF. Default {@code INFO}.
   *
   * @return the value
   */
  public String getMinimumLevel() {
    return minimumLevel;
  }

  /**
   * Lowest level sent as a Sentry log entry when Sentry Logs are on, or OFF. Default {@code INFO}.
   *
   * @param minimumLevel the value
   */
  public void setMinimumLevel(String minimumLevel) {
    this.minimumLevel = minimumLevel;
  }

  /**
   * MDC keys promoted to Sentry tags, globs allowed ({@code request.*}). Default: none.
   *
   * @return the value, or null when not set
   */
  public List<String> getContextTags() {
    return contextTags;
  }

  /**
   * MDC keys promoted to Sentry tags, globs allowed ({@code request.*}). Default: none.
   *
   * @param contextTags the value
   */
  public void setContextTags(List<String> contextTags) {
    this.contextTags = contextTags;
  }

  /**
   * Which MDC keys fill the Sentry user ({@code id=userId}, {@code email=userEmail}). Default: none.
   *
   * @return the value, or null when not set
   */
  public List<String> getUserMdcKeys() {
    return userMdcKeys;
  }

  /**
   * Which MDC keys fill the Sentry user ({@code id=userId}, {@code email=userEmail}). Default: none.
   *
   * @param userMdcKeys the value
   */
  public void setUserMdcKeys(List<String> userMdcKeys) {
    this.userMdcKeys = userMdcKeys;
  }

  /**
   * Exception class names never sent, subclasses included. Default: none.
   *
   * @return the value, or null when not set
   */
  public List<String> getIgnoredExceptions() {
    return ignoredExceptions;
  }

  /**
   * Exception class names never sent, subclasses included. Default: none.
   *
   * @param ignoredExceptions the value
   */
  public void setIgnoredExceptions(List<String> ignoredExceptions) {
    this.ignoredExceptions = ignoredExceptions;
  }

  /**
   * Loggers never sent, with the loggers below them. Default: none.
   *
   * @return the value, or null when not set
   */
  public List<String> getIgnoredLoggers() {
    return ignoredLoggers;
  }

  /**
   * Loggers never sent, with the loggers below them. Default: none.
   *
   * @param ignoredLoggers the value
   */
  public void setIgnoredLoggers(List<String> ignoredLoggers) {
    this.ignoredLoggers = ignoredLoggers;
  }

  /**
   * Breadcrumbs kept per Sentry scope (0 to 1000, higher values are capped). Default {@code 100}.
   *
   * @return the value, or null when not set
   */
  public String getMaxBreadcrumbs() {
    return maxBreadcrumbs;
  }

  /**
   * Breadcrumbs kept per Sentry scope (0 to 1000, higher values are capped). Default {@code 100}.
   *
   * @param maxBreadcrumbs the value
   */
  public void setMaxBreadcrumbs(String maxBreadcrumbs) {
    this.maxBreadcrumbs = maxBreadcrumbs;
  }

  /**
   * Directory for undelivered envelopes. Default {@code <java.io.tmpdir>/sentry-bridge-<user name>/<hash of the DSN>}.
   *
   * @return the value, or null when not set
   */
  public String getBufferDir() {
    return bufferDir;
  }

  /**
   * Directory for undelivered envelopes. Default {@code <java.io.tmpdir>/sentry-bridge-<user name>/<hash of the DSN>}.
   *
   * @param bufferDir the value
   */
  public void setBufferDir(String bufferDir) {
    this.bufferDir = bufferDir;
  }

  /**
   * Log events that may wait for the delivery thread; more are dropped and counted. Default {@code 10000}.
   *
   * @return the value, or null when not set
   */
  public String getQueueSize() {
    return queueSize;
  }

  /**
   * Log events that may wait for the delivery thread; more are dropped and counted. Default {@code 10000}.
   *
   * @param queueSize the value
   */
  public void setQueueSize(String queueSize) {
    this.queueSize = queueSize;
  }

  /**
   * Envelopes kept in memory before they spill to {@code buffer-dir}. Default {@code 2000}.
   *
   * @return the value, or null when not set
   */
  public String getMaxBufferedEvents() {
    return maxBufferedEvents;
  }

  /**
   * Envelopes kept in memory before they spill to {@code buffer-dir}. Default {@code 2000}.
   *
   * @param maxBufferedEvents the value
   */
  public void setMaxBufferedEvents(String maxBufferedEvents) {
    this.maxBufferedEvents = maxBufferedEvents;
  }

  /**
   * Disk space for undelivered envelopes ({@code 512KB}, {@code 64MB}). Default {@code 100MB}.
   *
   * @return the value, or null when not set
   */
  public String getMaxBufferBytes() {
    return maxBufferBytes;
  }

  /**
   * Disk space for undelivered envelopes ({@code 512KB}, {@code 64MB}). Default {@code 100MB}.
   *
   * @param maxBufferBytes the value
   */
  public void setMaxBufferBytes(String maxBufferBytes) {
    this.maxBufferBytes = maxBufferBytes;
  }

  /**
   * Requests to Sentry that may await their answer at the same time, 1 to 256. Default {@code 32}.
   *
   * @return the value, or null when not set
   */
  public String getMaxRequestsInFlight() {
    return maxRequestsInFlight;
  }

  /**
   * Requests to Sentry that may await their answer at the same time, 1 to 256. Default {@code 32}.
   *
   * @param maxRequestsInFlight the value
   */
  public void setMaxRequestsInFlight(String maxRequestsInFlight) {
    this.maxRequestsInFlight = maxRequestsInFlight;
  }

  /**
   * The same error within this window is sent once with a repeat count ({@code 500ms}, {@code 30s}, {@code 5m}); 0 turns it off. Default {@code 60s}.
   *
   * @return the value, or null when not set
   */
  public String getDedupeWindow() {
    return dedupeWindow;
  }

  /**
   * The same error within this window is sent once with a repeat count ({@code 500ms}, {@code 30s}, {@code 5m}); 0 turns it off. Default {@code 60s}.
   *
   * @param dedupeWindow the value
   */
  public void setDedupeWindow(String dedupeWindow) {
    this.dedupeWindow = dedupeWindow;
  }

  /**
   * How long the shutdown waits for pending events to be delivered (not at all once Sentry is
   * unreachable: two requests in a row, the second made at once). Default {@code 5s}.
   *
   * @return the value, or null when not set
   */
  public String getFlushTimeout() {
    return flushTimeout;
  }

  /**
   * How long the shutdown waits for pending events to be delivered (not at all once Sentry is
   * unreachable: two requests in a row, the second made at once). Default {@code 5s}.
   *
   * @param flushTimeout the value
   */
  public void setFlushTimeout(String flushTimeout) {
    this.flushTimeout = flushTimeout;
  }

  /**
   * {@code true} reports configuration problems as errors (Logback's then stop Spring Boot's start-up) instead of warnings. Default {@code false}.
   *
   * @return the value, or null when not set
   */
  public String getFailOnConfigurationError() {
    return failOnConfigurationError;
  }

  /**
   * {@code true} reports configuration problems as errors (Logback's then stop Spring Boot's start-up) instead of warnings. Default {@code false}.
   *
   * @param failOnConfigurationError the value
   */
  public void setFailOnConfigurationError(String failOnConfigurationError) {
    this.failOnConfigurationError = failOnConfigurationError;
  }

  /**
   * Per servlet request: a Sentry scope of its own with the request, the route as transaction, the Spring Security user (with the SDK option {@code send-default-pii}), and unhandled controller exceptions captured once. Default {@code true}.
   *
   * @return the value, or null when not set
   */
  public String getRequestContext() {
    return requestContext;
  }

  /**
   * Per servlet request: a Sentry scope of its own with the request, the route as transaction, the Spring Security user (with the SDK option {@code send-default-pii}), and unhandled controller exceptions captured once. Default {@code true}.
   *
   * @param requestContext the value
   */
  public void setRequestContext(String requestContext) {
    this.requestContext = requestContext;
  }

  /**
   * With the official Sentry Spring Boot starter on the class path, sentry-bridge backs off with one warning; {@code true} attaches it anyway (the official starter must then not attach its own appender). Default {@code false}.
   *
   * @return the value, or null when not set
   */
  public String getTakeOver() {
    return takeOver;
  }

  /**
   * With the official Sentry Spring Boot starter on the class path, sentry-bridge backs off with one warning; {@code true} attaches it anyway (the official starter must then not attach its own appender). Default {@code false}.
   *
   * @param takeOver the value
   */
  public void setTakeOver(String takeOver) {
    this.takeOver = takeOver;
  }

}
