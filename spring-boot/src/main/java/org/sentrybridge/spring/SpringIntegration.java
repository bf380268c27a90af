package org.sentrybridge.spring;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.SentryService;
import org.sentrybridge.StatusReporter;
import org.sentrybridge.config.BridgeSettings;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.util.ClassUtils;

/**
 * The one sentry-bridge integration of this JVM made from Spring properties: the appender on the
 * root logger of the running logging system, plus a handle of its own on the integration, held
 * from start-up to shutdown, so that a logging reset that stops the appender never stops the SDK.
 */
final class SpringIntegration {

  /**
   * Classes of the official Sentry Spring Boot starters (Boot 3 and Boot 4 lines, and the older
   * javax one), which initialise Sentry and attach their own appender.
   */
  static final List<String> OFFICIAL_STARTERS =
      List.of(
          "io.sentry.spring.boot.jakarta.SentryAutoConfiguration",
          "io.sentry.spring.boot4.SentryAutoConfiguration",
          "io.sentry.spring.boot.SentryAutoConfiguration");

  private static volatile SpringIntegration current;

  private final List<Object> key;
  private final SentryBridgeProperties properties;
  private final RootLoggerAttachment attachment;
  private final SentryService handle;

  private SpringIntegration(
      List<Object> key,
      SentryBridgeProperties properties,
      RootLoggerAttachment attachment,
      SentryService handle) {
    this.key = key;
    this.properties = properties;
    this.attachment = attachment;
    this.handle = handle;
  }

  /**
   * Binds the properties and attaches the appender, or, when the same properties already run,
   * attaches it again after the logging reset that detached it. Never throws.
   */
  static synchronized SpringIntegration start(ConfigurableEnvironment environment, ClassLoader loader) {
    StatusReporter reporter = SpringStatusReporter.INSTANCE;
    SentryBridgeProperties properties;
    try {
      properties =
          Binder.get(environment)
              .bind(SentryBridgeProperties.PREFIX, Bindable.of(SentryBridgeProperties.class))
              .orElseGet(SentryBridgeProperties::new);
    } catch (RuntimeException e) {
      reporter.warn("sentry-bridge: the sentry.* properties cannot be read (" + e.getMessage()
          + "); no Sentry appender is attached");
      return null;
    }
    applyDefaults(properties, environment, loader);
    List<Object> key = key(properties);
    if (current != null) {
      if (current.key.equals(key)) {
        if (current.attachment != null) {
          current.attachment.attach();
        }
        return current;
      }
      current.close();
    }
    if ("false".equalsIgnoreCase(trim(properties.getEnabled()))) {
      return null;
    }
    String official = officialStarter(loader);
    if (official != null && !"true".equalsIgnoreCase(trim(properties.getTakeOver()))) {
      reporter.warn(
          "sentry-bridge: the official Sentry Spring Boot starter (" + official + ") is on the"
              + " class path and initialises Sentry with its own appender; sentry-bridge attaches"
              + " nothing, so no error is sent twice. Remove that starter, or set"
              + " sentry.take-over=true and turn its appender off");
      return null;
    }
    RootLoggerAttachment attachment = attachment(properties, loader, reporter);
    SentryService handle = null;
    if (attachment != null) {
      if (attachment.declaredInConfiguration()) {
        reporter.info(
            "sentry-bridge: the logging configuration declares its own sentry-bridge appender;"
                + " it is kept, and none is attached from the sentry.* properties");
      } else {
        attachment.attach();
        handle = SentryBridge.start(settings(properties), reporter);
      }
    }
    current = new SpringIntegration(key, properties, attachment, handle);
    return current;
  }

  /** The running integration, or null. */
  static SpringIntegration current() {
    return current;
  }

  /**
   * True while sentry-bridge runs for a Spring application of this JVM: not when it backed off
   * (official starter, {@code sentry.enabled=false}) or was stopped.
   */
  static boolean isActive() {
    return current != null;
  }

  SentryBridgeProperties properties() {
    return properties;
  }

  /** Waits until what was handed over so far is delivered, at most {@code flushTimeout}. */
  boolean flush() {
    return SentryBridge.find().map(service -> service.flush(flushTimeout())).orElse(true);
  }

  private Duration flushTimeout() {
    BridgeSettings settings = BridgeSettings.builder().flushTimeout(properties.getFlushTimeout()).build();
    return settings.flushTimeout();
  }

  /**
   * Detaches the appender, then lets go of the handle: the last holder delivers within {@code
   * flushTimeout} and stops the SDK.
   */
  void close() {
    // one lock for start and close: a close never runs in the middle of a start
    synchronized (SpringIntegration.class) {
      if (current == this) {
        current = null;
      }
      if (attachment != null) {
        attachment.detach();
      }
      if (handle != null) {
        handle.close();
      }
    }
  }

  private static RootLoggerAttachment attachment(
      SentryBridgeProperties properties, ClassLoader loader, StatusReporter reporter) {
    String system = LoggingSystem.get(loader).getClass().getName();
    if (system.endsWith(".LogbackLoggingSystem")
        && ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", loader)) {
      return LogbackContexts.attachment(properties);
    }
    if (system.endsWith(".Log4J2LoggingSystem")
        && ClassUtils.isPresent("org.apache.logging.log4j.core.LoggerContext", loader)) {
      return Log4j2Attachment.current(properties);
    }
    reporter.warn(
        "sentry-bridge: Spring Boot's logging system " + system + " is neither Logback nor"
            + " Log4j2; no Sentry appender is attached");
    return null;
  }

  private static String officialStarter(ClassLoader loader) {
    for (String name : OFFICIAL_STARTERS) {
      if (ClassUtils.isPresent(name, loader)) {
        return name;
      }
    }
    return null;
  }

  /**
   * Environment from the first active profile and release from {@code build-info} when neither
   * the properties nor {@code SENTRY_ENVIRONMENT} / {@code SENTRY_RELEASE} give them.
   */
  static void applyDefaults(
      SentryBridgeProperties properties, ConfigurableEnvironment environment, ClassLoader loader) {
    if (isBlank(properties.getEnvironment())) {
      String[] active = environment.getActiveProfiles();
      if (active.length > 0) {
        properties.setEnvironment(active[0]);
      }
    }
    if (isBlank(properties.getRelease())) {
      String location =
          environment.getProperty(
              "spring.info.build.location", "classpath:META-INF/build-info.properties");
      Resource resource = new DefaultResourceLoader(loader).getResource(location);
      if (resource.exists()) {
        Properties build = new Properties();
        try (InputStream in = resource.getInputStream()) {
          build.load(in);
        } catch (IOException e) {
          return;
        }
        String artifact = build.getProperty("build.artifact");
        String version = build.getProperty("build.version");
        if (!isBlank(artifact) && !isBlank(version)) {
          properties.setRelease(artifact + "@" + version);
        }
      }
    }
  }

  /** The core settings of these properties, for the handle held next to the appender. */
  static BridgeSettings settings(SentryBridgeProperties p) {
    BridgeSettings.Builder b =
        BridgeSettings.builder()
            .dsn(p.getDsn())
            .enabled(p.getEnabled())
            .sendMetadata(p.getSendMetadata())
            .captureScope(p.getCaptureScope())
            .environment(p.getEnvironment())
            .release(p.getRelease())
            .bufferDir(p.getBufferDir())
            .queueSize(p.getQueueSize())
            .maxBufferedEvents(p.getMaxBufferedEvents())
            .maxBufferBytes(p.getMaxBufferBytes())
            .maxRequestsInFlight(p.getMaxRequestsInFlight())
            .dedupeWindow(p.getDedupeWindow())
            .flushTimeout(p.getFlushTimeout())
            .failOnConfigurationError(p.getFailOnConfigurationError());
    for (Map.Entry<String, String> option : p.getInit().entrySet()) {
      b.init(option.getKey(), option.getValue());
    }
    return b.build();
  }

  /**
   * What a restart compares: every property the attachment is made from. {@code requestContext}
   * is not one of them; it decides whether a bean exists.
   */
  static List<Object> key(SentryBridgeProperties p) {
    return new ArrayList<>(
        Arrays.asList(
            p.getDsn(), p.getEnabled(), p.getSendMetadata(), p.getCaptureScope(),
            p.getEnvironment(), p.getRelease(), p.getInit(), p.getMinimumEventLevel(),
            p.getRequireThrowable(), p.getMinimumBreadcrumbLevel(), p.getMinimumLevel(),
            p.getContextTags(),
            p.getUserMdcKeys(), p.getIgnoredExceptions(), p.getIgnoredLoggers(),
            p.getMaxBreadcrumbs(), p.getBufferDir(), p.getQueueSize(), p.getMaxBufferedEvents(),
            p.getMaxBufferBytes(), p.getMaxRequestsInFlight(), p.getDedupeWindow(),
            p.getFlushTimeout(), p.getFailOnConfigurationError(), p.getTakeOver()));
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  private static String trim(String text) {
    return text == null ? "" : text.trim();
  }
}
