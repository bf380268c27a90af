package org.sentrybridge.spring;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Stops sentry-bridge last. As a lifecycle of the lowest phase it stops after the web server's
 * graceful shutdown and the web server itself, and delivers what the requests still running
 * logged (within {@code flushTimeout}); destroyed after every other bean of the context, it then
 * detaches the appender and stops the integration, which delivers what bean destruction logged.
 * A context whose start-up failed leaves the integration running: Spring Boot logs the failure
 * after the context is gone, and the integration's exit hook delivers it when the JVM exits. A
 * context closed by a Spring Boot DevTools restart also leaves it running, appender attached: the
 * restarted application joins it, so one SDK runs from the first start to the final close.
 */
public final class SentryBridgeShutdown implements SmartLifecycle, DisposableBean {

  /** The name of this component in the application context. */
  public static final String BEAN_NAME = "sentryBridgeShutdown";

  /** Below the web server's phases, so it stops after them. */
  public static final int PHASE = Integer.MIN_VALUE + 1000;

  private final SpringIntegration integration;
  private volatile boolean running;
  private volatile boolean started;

  SentryBridgeShutdown(SpringIntegration integration) {
    this.integration = integration;
  }

  @Override
  public void start() {
    running = true;
    started = true;
  }

  /**
   * Delivers what was logged until the web server stopped, within {@code flushTimeout}; not for a
   * DevTools restart, after which the integration keeps sending.
   */
  @Override
  public void stop() {
    running = false;
    if (!DevToolsRestart.closesThisContext()) {
      integration.flush();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /**
   * Detaches the appender and stops the integration, unless the context never started or is
   * closed for a DevTools restart.
   */
  @Override
  public void destroy() {
    if (!started) {
      return;
    }
    if (DevToolsRestart.closesThisContext()) {
      SpringStatusReporter.INSTANCE.info(
          "sentry-bridge: context closed for a DevTools restart; the integration keeps running for"
              + " the restarted application");
      return;
    }
    integration.close();
  }
}
