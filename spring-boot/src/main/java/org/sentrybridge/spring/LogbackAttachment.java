package org.sentrybridge.spring;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.spi.ConfigurationEvent;
import ch.qos.logback.core.spi.ConfigurationEventListener;
import java.util.Iterator;
import java.util.Map;
import org.sentrybridge.logback.SentryAppender;

/**
 * The appender on Logback's root logger. A reset (Spring Boot's initialisation, a {@code scan}, a
 * reload) stops and detaches it, parking its share of the integration; it is attached again when
 * Spring Boot has configured Logback ({@link SentryBridgeListener}) and at the end of every
 * configuration read from XML (this listener), and the new appender takes the parked share over,
 * so the SDK is not started a second time.
 */
final class LogbackAttachment implements RootLoggerAttachment, ConfigurationEventListener {

  /** The name of the appender attached here. */
  static final String APPENDER_NAME = "SENTRY_BRIDGE";

  private final LoggerContext context;
  private final SentryBridgeProperties properties;
  private SentryAppender attached;
  private boolean detached;

  LogbackAttachment(LoggerContext context, SentryBridgeProperties properties) {
    this.context = context;
    this.properties = properties;
    // registered before the first appender starts, so this listener runs before the one that
    // closes what no appender of the new configuration took over
    context.addConfigurationEventListener(this);
  }

  @Override
  public synchronized boolean declaredInConfiguration() {
    for (Logger logger : context.getLoggerList()) {
      for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
        Appender<ILoggingEvent> appender = it.next();
        if (appender instanceof SentryAppender && appender != attached) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public synchronized void attach() {
    if (detached) {
      return;
    }
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    if (attached != null && attached.isStarted() && root.isAttached(attached)) {
      return;
    }
    if (declaredInConfiguration()) {
      return;
    }
    SentryAppender appender = new SentryAppender();
    appender.setContext(context);
    appender.setName(APPENDER_NAME);
    configure(appender);
    appender.start();
    if (appender.isStarted()) {
      root.addAppender(appender);
      attached = appender;
    }
  }

  @Override
  public synchronized void detach() {
    detached = true;
    context.removeConfigurationEventListener(this);
    SentryAppender appender = attached;
    attached = null;
    if (appender != null) {
      context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
      appender.stop();
    }
  }

  @Override
  public void listen(ConfigurationEvent event) {
    if (event.getEventType() == ConfigurationEvent.EventType.CONFIGURATION_ENDED_SUCCESSFULLY) {
      attach();
    }
  }

  private void configure(SentryAppender a) {
    SentryBridgeProperties p = properties;
    a.setDsn(p.getDsn());
    a.setEnabled(p.getEnabled());
    a.setSendMetadata(p.getSendMetadata());
    a.setCaptureScope(p.getCaptureScope());
    a.setEnvironment(p.getEnvironment());
    a.setRelease(p.getRelease());
    for (Map.Entry<String, String> option : p.getInit().entrySet()) {
      a.setInit(option.getKey() + "=" + option.getValue());
    }
    a.setMinimumEventLevel(p.getMinimumEventLevel());
    a.setRequireThrowable(p.getRequireThrowable());
    a.setMinimumBreadcrumbLevel(p.getMinimumBreadcrumbLevel());
    a.setMinimumLevel(p.getMinimumLevel());
    p.getContextTags().forEach(a::setContextTags);
    p.getUserMdcKeys().forEach(a::setUserMdcKeys);
    p.getIgnoredExceptions().forEach(a::setIgnoredExceptions);
    p.getIgnoredLoggers().forEach(a::setIgnoredLoggers);
    a.setMaxBreadcrumbs(p.getMaxBreadcrumbs());
    a.setBufferDir(p.getBufferDir());
    a.setQueueSize(p.getQueueSize());
    a.setMaxBufferedEvents(p.getMaxBufferedEvents());
    a.setMaxBufferBytes(p.getMaxBufferBytes());
    a.setMaxRequestsInFlight(p.getMaxRequestsInFlight());
    a.setDedupeWindow(p.getDedupeWindow());
    a.setFlushTimeout(p.getFlushTimeout());
    a.setFailOnConfigurationError(p.getFailOnConfigurationError());
  }
}
