package org.sentrybridge.spring;

import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.sentrybridge.log4j2.InitOption;
import org.sentrybridge.log4j2.SentryAppender;

/**
 * The appender on Log4j2's root logger. A reconfiguration (Spring Boot's initialisation, {@code
 * monitorInterval}, a reload) replaces the configuration with the appender in it; it is added to
 * the new configuration when Spring Boot has configured Log4j2 ({@link SentryBridgeListener}) and
 * whenever the context takes a new configuration (this listener).
 */
final class Log4j2Attachment implements RootLoggerAttachment, PropertyChangeListener {

  /** The name of the appender attached here. */
  static final String APPENDER_NAME = "SentryBridgeSpring";

  private final LoggerContext context;
  private final SentryBridgeProperties properties;
  private SentryAppender attached;
  private Configuration attachedTo;
  private boolean detached;

  Log4j2Attachment(LoggerContext context, SentryBridgeProperties properties) {
    this.context = context;
    this.properties = properties;
    context.addPropertyChangeListener(this);
  }

  static Log4j2Attachment current(SentryBridgeProperties properties) {
    return new Log4j2Attachment((LoggerContext) LogManager.getContext(false), properties);
  }

  @Override
  public synchronized boolean declaredInConfiguration() {
    for (Appender appender : context.getConfiguration().getAppenders().values()) {
      if (appender instanceof SentryAppender && appender != attached) {
        return true;
      }
    }
    return false;
  }

  @Override
  public synchronized void attach() {
    Configuration configuration = context.getConfiguration();
    if (detached || (attached != null && attachedTo == configuration && attached.isStarted())) {
      return;
    }
    if (declaredInConfiguration()) {
      return;
    }
    SentryAppender appender = build(configuration);
    if (appender == null) {
      return; // the builder reported why
    }
    appender.start();
    configuration.addAppender(appender);
    configuration.getRootLogger().addAppender(appender, null, null);
    context.updateLoggers();
    attached = appender;
    attachedTo = configuration;
  }

  @Override
  public synchronized void detach() {
    detached = true;
    context.removePropertyChangeListener(this);
    SentryAppender appender = attached;
    Configuration configuration = attachedTo;
    attached = null;
    attachedTo = null;
    if (appender != null) {
      if (configuration == context.getConfiguration()) {
        configuration.getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
      }
      appender.stop();
    }
  }

  @Override
  public void propertyChange(PropertyChangeEvent event) {
    if (LoggerContext.PROPERTY_CONFIG.equals(event.getPropertyName())) {
      attach();
    }
  }

  private SentryAppender build(Configuration configuration) {
    SentryBridgeProperties p = properties;
    List<InitOption> options = new ArrayList<>();
    for (Map.Entry<String, String> option : p.getInit().entrySet()) {
      options.add(InitOption.of(option.getKey(), option.getValue()));
    }
    return SentryAppender.newBuilder()
        .setName(APPENDER_NAME)
        .setConfiguration(configuration)
        .setDsn(p.getDsn())
        .setEnabled(p.getEnabled())
        .setSendMetadata(p.getSendMetadata())
        .setCaptureScope(p.getCaptureScope())
        .setEnvironment(p.getEnvironment())
        .setRelease(p.getRelease())
        .setOptions(options.toArray(new InitOption[0]))
        .setMinimumEventLevel(p.getMinimumEventLevel())
        .setRequireThrowable(p.getRequireThrowable())
        .setMinimumBreadcrumbLevel(p.getMinimumBreadcrumbLevel())
        .setMinimumLevel(p.getMinimumLevel())
        .setContextTags(String.join(",", p.getContextTags()))
        .setUserMdcKeys(String.join(",", p.getUserMdcKeys()))
        .setIgnoredExceptions(String.join(",", p.getIgnoredExceptions()))
        .setIgnoredLoggers(String.join(",", p.getIgnoredLoggers()))
        .setMaxBreadcrumbs(p.getMaxBreadcrumbs())
        .setBufferDir(p.getBufferDir())
        .setQueueSize(p.getQueueSize())
        .setMaxBufferedEvents(p.getMaxBufferedEvents())
        .setMaxBufferBytes(p.getMaxBufferBytes())
        .setMaxRequestsInFlight(p.getMaxRequestsInFlight())
        .setDedupeWindow(p.getDedupeWindow())
        .setFlushTimeout(p.getFlushTimeout())
        .setFailOnConfigurationError(p.getFailOnConfigurationError())
        .build();
  }
}
