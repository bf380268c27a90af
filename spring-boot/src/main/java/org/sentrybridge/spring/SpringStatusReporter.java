package org.sentrybridge.spring;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.sentrybridge.StatusReporter;

/**
 * sentry-bridge's lines from the Spring Boot integration, on the logger {@code org.sentrybridge}
 * of the application's log (never sent to Sentry).
 */
final class SpringStatusReporter implements StatusReporter {

  static final SpringStatusReporter INSTANCE = new SpringStatusReporter();

  private final Log log = LogFactory.getLog("org.sentrybridge");

  @Override
  public void info(String message) {
    log.info(message);
  }

  @Override
  public void warn(String message) {
    log.warn(message);
  }

  @Override
  public void error(String message, Throwable cause) {
    log.error(message, cause);
  }
}
