package org.sentrybridge.spring;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/**
 * What a reload of Logback's XML does (scan, JMX, by hand): reset, then read the file again. In a
 * class of its own, so that test classes stay loadable in the run without Logback.
 */
final class LogbackReload {

  private LogbackReload() {}

  static void reconfigure(String resource) throws JoranException {
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    logback.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(logback);
    configurator.doConfigure(LogbackReload.class.getResource(resource));
  }
}
