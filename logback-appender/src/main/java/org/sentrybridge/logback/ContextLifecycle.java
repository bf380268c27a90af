package org.sentrybridge.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.spi.ConfigurationEvent;
import ch.qos.logback.core.spi.ConfigurationEventListener;
import ch.qos.logback.core.spi.LifeCycle;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sentrybridge.LogEventForwarder;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.StatusReporter;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.event.CaptureRules;

/**
 * What sentry-bridge follows of one Logback {@link LoggerContext}: resets, configurations, stop.
 *
 * <p><b>Reconfiguration.</b> A reconfiguration ({@code scan}, a reload by hand) resets the context,
 * which stops every appender, then reads the configuration again, which starts new ones. An
 * appender stopped by a reset parks its forwarder here instead of closing it; the appender of the
 * new configuration takes it over, joining the running integration when the settings are the same,
 * so the integration is neither stopped nor started again, nothing it queued is lost and the reset
 * never waits for the network. What no new appender took over is closed when the configuration
 * ends, and when the context stops.
 *
 * <p><b>The application's log.</b> sentry-bridge's lines go to the logger {@code org.sentrybridge}
 * of this context. While Logback reads a configuration the appenders are not attached yet, so those
 * lines wait for the end of the configuration; while the context resets or stops, the
 * application's appenders are being stopped, and when no appender but sentry-bridge's would show
 * the line, it goes to standard error instead.
 */
final class ContextLifecycle implements LoggerContextListener, ConfigurationEventListener {

  /** The logger sentry-bridge's own lines go to; never sent back to Sentry. */
  static final String LOGGER_NAME = "org.sentrybridge";

  /** Values held weakly: the context holds its lifecycle (as a listener), not this map. */
  private static final Map<LoggerContext, WeakReference<ContextLifecycle>> ALL =
      new WeakHashMap<>();

  private final LoggerContext context;
  private final Logger logger;
  private final List<LogEventForwarder> parked = new ArrayList<>();
  private final List<Line> waiting = new ArrayList<>();
  /** What starting appenders want done once the configuration is complete. */
  private final List<Runnable> onConfigured = new CopyOnWriteArrayList<>();
  private ResetSignal signal;
  private volatile boolean resetting;
  private volatile boolean stopping;
  /** The application turned the logger off for warnings, as of the last configuration. */
  private volatile boolean quiet;

  private ContextLifecycle(LoggerContext context) {
    this.context = context;
    this.logger = context.getLogger(LOGGER_NAME);
  }

  /**
   * The lifecycle of this appender's context, watching it from now on; null when the context is
   * not a {@link LoggerContext}. Throws a {@link LinkageError} with a Logback that lacks
   * configuration events.
   */
  static ContextLifecycle of(Context context) {
    if (!(context instanceof LoggerContext)) {
      return null;
    }
    LoggerContext loggerContext = (LoggerContext) context;
    synchronized (ALL) {
      WeakReference<ContextLifecycle> known = ALL.get(loggerContext);
      ContextLifecycle lifecycle = known == null ? null : known.get();
      if (lifecycle == null) {
        lifecycle = new ContextLifecycle(loggerContext);
        loggerContext.addConfigurationEventListener(lifecycle);
        ALL.put(loggerContext, new WeakReference<>(lifecycle));
      }
      lifecycle.watch();
      return lifecycle;
    }
  }

  /** An appender starts: the context runs; listen to it (a stop removed every listener). */
  private void watch() {
    stopping = false;
    resetting = false;
    if (!context.getCopyOfListenerList().contains(this)) {
      context.addListener(this);
    }
    armResetSignal();
  }

  /** A reset stops the components registered with the context first, before the appenders. */
  private synchronized void armResetSignal() {
    if (signal == null || !signal.isStarted()) {
      signal = new ResetSignal();
      context.register(signal);
    }
  }

  /** Runs {@code action} each time a configuration of this context ends, until removed. */
  void onConfigured(Runnable action) {
    if (!onConfigured.contains(action)) {
      onConfigured.add(action);
    }
  }

  void removeOnConfigured(Runnable action) {
    onConfigured.remove(action);
  }

  /** True while the context resets (or stops): an appender stopped now may come back. */
  boolean isResetting() {
    return resetting;
  }

  /** Keeps the forwarder of an appender stopped by a reset for the next configuration. */
  void park(LogEventForwarder forwarder) {
    synchronized (parked) {
      parked.add(forwarder);
    }
  }

  /**
   * The forwarder of a starting appender. With a forwarder parked by the reset that holds the
   * running integration, the new one joins it and the parked ones let go, which returns at once;
   * as with a Log4j2 reload, process-wide settings that differ from the running ones are reported
   * and apply once every appender has stopped. Otherwise the parked ones are closed first and these
   * settings start the integration.
   */
  LogEventForwarder takeOver(BridgeSettings settings, CaptureRules rules, StatusReporter reporter) {
    List<LogEventForwarder> previous = unpark();
    boolean join = false;
    for (LogEventForwarder forwarder : previous) {
      join |= forwarder.holdsRunningIntegration();
    }
    if (!join) {
      previous.forEach(LogEventForwarder::close);
    }
    LogEventForwarder next = SentryBridge.forwarder(settings, rules, reporter);
    if (join) {
      previous.forEach(LogEventForwarder::close);
    }
    return next;
  }

  private List<LogEventForwarder> unpark() {
    synchronized (parked) {
      List<LogEventForwarder> all = new ArrayList<>(parked);
      parked.clear();
      return all;
    }
  }

  private void closeParked() {
    unpark().forEach(LogEventForwarder::close);
  }

  /**
   * Writes one of sentry-bridge's lines to the application's log: now, at the end of the
   * configuration being read, or (warnings while the context resets or stops) to standard error.
   */
  void log(Level level, String message) {
    if (resetting || stopping || !context.isStarted()) {
      if (level.isGreaterOrEqual(Level.WARN) && !quiet) {
        System.err.println("sentry-bridge " + level + " " + message);
      }
      return;
    }
    if (context.getConfigurationLock().isHeldByCurrentThread()) {
      synchronized (waiting) {
        waiting.add(new Line(level, message));
      }
      return;
    }
    write(level, message);
  }

  private void write(Level level, String message) {
    quiet = !logger.isWarnEnabled();
    if (!logger.isEnabledFor(level)) {
      return; // the application silenced org.sentrybridge
    }
    if (!reachesAnotherAppender()) {
      // no appender of the application would show it (only sentry-bridge's own)
      System.err.println("sentry-bridge " + level + " " + message);
    } else if (level == Level.ERROR) {
      logger.error(message);
    } else if (level == Level.WARN) {
      logger.warn(message);
    } else {
      logger.info(message);
    }
  }

  /** True when a line of org.sentrybridge reaches an appender other than sentry-bridge's. */
  private boolean reachesAnotherAppender() {
    String name = LOGGER_NAME;
    while (true) {
      Logger current = context.exists(name);
      if (current != null) {
        for (Iterator<Appender<ILoggingEvent>> it = current.iteratorForAppenders();
            it.hasNext(); ) {
          if (!(it.next() instanceof SentryAppender)) {
            return true;
          }
        }
        if (!current.isAdditive()) {
          return false;
        }
      }
      if (name.equals(Logger.ROOT_LOGGER_NAME)) {
        return false;
      }
      int dot = name.lastIndexOf('.');
      name = dot < 0 ? Logger.ROOT_LOGGER_NAME : name.substring(0, dot);
    }
  }

  @Override
  public void listen(ConfigurationEvent event) {
    switch (event.getEventType()) {
      case CONFIGURATION_ENDED_SUCCESSFULLY:
      case CONFIGURATION_ENDED_WITH_XML_PARSING_ERRORS:
        resetting = false;
        closeParked(); // no appender of the new configuration took them over
        List<Line> lines;
        synchronized (waiting) {
          lines = new ArrayList<>(waiting);
          waiting.clear();
        }
        quiet = !logger.isWarnEnabled();
        for (Runnable action : onConfigured) {
          action.run();
        }
        for (Line line : lines) {
          write(line.level(), line.message());
        }
        break;
      default:
        break;
    }
  }

  @Override
  public boolean isResetResistant() {
    return true;
  }

  @Override
  public void onStart(LoggerContext context) {
    stopping = false;
  }

  @Override
  public void onReset(LoggerContext context) {
    resetting = false;
    armResetSignal(); // the reset dropped the registered components
  }

  @Override
  public void onStop(LoggerContext context) {
    stopping = true;
    synchronized (waiting) {
      waiting.clear();
    }
    closeParked();
  }

  @Override
  public void onLevelChange(Logger logger, Level level) {}

  private record Line(Level level, String message) {}

  /** Stopped by the context at the start of every reset, before the appenders are stopped. */
  private final class ResetSignal implements LifeCycle {
    private volatile boolean started = true;

    @Override
    public void start() {
      started = true;
    }

    @Override
    public void stop() {
      started = false;
      resetting = true;
    }

    @Override
    public boolean isStarted() {
      return started;
    }
  }
}
