package org.sentrybridge.spring;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Logback's context, in a class of its own so that nothing loads Logback where it is absent. */
final class LogbackContexts {

  private LogbackContexts() {}

  static RootLoggerAttachment attachment(SentryBridgeProperties properties) {
    Object factory = LoggerFactory.getILoggerFactory();
    return factory instanceof LoggerContext
        ? new LogbackAttachment((LoggerContext) factory, properties)
        : null;
  }
}
