package org.sentrybridge.spring;

/**
 * sentry-bridge's appender on the root logger of the logging system Spring Boot runs, made from
 * {@link SentryBridgeProperties} instead of XML.
 */
interface RootLoggerAttachment {

  /**
   * True when the application's own logging configuration declares a sentry-bridge appender: it
   * is respected and none is added.
   */
  boolean declaredInConfiguration();

  /**
   * Attaches a started appender to the root logger unless one of ours is there already, or the
   * configuration declares its own. Safe to call after every logging reset.
   */
  void attach();

  /** Detaches and stops the appender attached here, which gives its share of the integration back. */
  void detach();
}
