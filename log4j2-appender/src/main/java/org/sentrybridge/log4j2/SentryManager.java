package org.sentrybridge.log4j2;

import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.appender.AbstractManager;
import org.apache.logging.log4j.core.appender.ManagerFactory;
import org.sentrybridge.LogEventForwarder;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.StatusReporter;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.event.CaptureRules;

/**
 * Holds an appender's handle on the shared integration, reference-counted by Log4j2. A
 * reconfiguration builds the new appender before it stops the old one: with unchanged settings
 * both get this same manager (breadcrumbs and queue untouched); with changed settings the new
 * manager joins the running engine before the old one lets go, so the SDK is never restarted.
 */
final class SentryManager extends AbstractManager {

  private static final Factory FACTORY = new Factory();

  private final LogEventForwarder forwarder;
  private final BridgeSettings settings;

  private SentryManager(String name, LogEventForwarder forwarder, BridgeSettings settings) {
    super(null, name);
    this.forwarder = forwarder;
    this.settings = settings;
  }

  /** The manager for this key, made (and the integration joined) only if none exists yet. */
  static SentryManager getManager(
      String key, BridgeSettings settings, CaptureRules rules, StatusReporter reporter) {
    return getManager(key, FACTORY, new Data(settings, rules, reporter));
  }

  LogEventForwarder forwarder() {
    return forwarder;
  }

  /**
   * Runs when the last appender using this manager stops: gives the share back, the last holder
   * delivering within {@code flushTimeout}. The timeout Log4j2 passes is not used: {@code
   * LogManager.shutdown()} gives 50 ms, too short for the errors of the last moment.
   */
  @Override
  protected boolean releaseSub(long timeout, TimeUnit unit) {
    return forwarder.close(settings.flushTimeout());
  }

  /** What a new manager is made of. */
  private record Data(BridgeSettings settings, CaptureRules rules, StatusReporter reporter) {}

  private static final class Factory implements ManagerFactory<SentryManager, Data> {
    @Override
    public SentryManager createManager(String name, Data data) {
      LogEventForwarder forwarder =
          SentryBridge.forwarder(data.settings(), data.rules(), data.reporter());
      // sendError takes the caller's ThreadContext, as a logged error does
      forwarder.shareCallerContext(ThreadContext.class, ThreadContext::getImmutableContext);
      return new SentryManager(name, forwarder, data.settings());
    }
  }
}
