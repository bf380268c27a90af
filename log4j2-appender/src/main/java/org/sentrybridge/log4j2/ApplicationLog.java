package org.sentrybridge.log4j2;

import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LifeCycle;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.spi.ExtendedLogger;

/**
 * Writes sentry-bridge's lines to the application's log, through the logger {@code
 * org.sentrybridge} of the context a configuration belongs to. Lines reported while that
 * configuration is being built or started wait until the context runs it; while the context
 * stops, and when no appender but sentry-bridge's would show a line, warnings go to standard error
 * instead.
 */
final class ApplicationLog implements PropertyChangeListener {

  /** The logger sentry-bridge's own lines go to; never sent back to Sentry. */
  static final String LOGGER_NAME = "org.sentrybridge";

  /** Values held weakly: a reporter holds its application log, this map does not. */
  private static final Map<Configuration, WeakReference<ApplicationLog>> ALL = new WeakHashMap<>();

  /** Weak: an engine keeps its first reporter, which must not keep a replaced configuration. */
  private final WeakReference<Configuration> configuration;
  private final LoggerContext context;
  private final List<Line> waiting = new ArrayList<>();
  private boolean listening;
  /** The application turned the logger off for warnings, as far as last seen. */
  private volatile boolean quiet;

  private ApplicationLog(Configuration configuration, LoggerContext context) {
    this.configuration = new WeakReference<>(configuration);
    this.context = context;
  }

  /** The application log of this configuration; null when it belongs to no context. */
  static ApplicationLog of(Configuration configuration) {
    LoggerContext context = configuration == null ? null : configuration.getLoggerContext();
    if (context == null) {
      return null;
    }
    synchronized (ALL) {
      WeakReference<ApplicationLog> known = ALL.get(configuration);
      ApplicationLog log = known == null ? null : known.get();
      if (log == null) {
        log = new ApplicationLog(configuration, context);
        ALL.put(configuration, new WeakReference<>(log));
      }
      return log;
    }
  }

  void log(Level level, String message) {
    if (context.isStopping() || context.isStopped()) {
      toStandardError(level, message);
      return;
    }
    synchronized (this) {
      Configuration own = configuration.get();
      if (own != null && context.getConfiguration() != own && isComing(own)) {
        waiting.add(new Line(level, message));
        if (!listening) {
          listening = true;
          context.addPropertyChangeListener(this);
        }
        return;
      }
    }
    write(level, message);
  }

  /** Built or starting, not yet run by the context. */
  private static boolean isComing(Configuration configuration) {
    LifeCycle.State state = configuration.getState();
    return state != LifeCycle.State.STARTED
        && state != LifeCycle.State.STOPPING
        && state != LifeCycle.State.STOPPED;
  }

  @Override
  public void propertyChange(PropertyChangeEvent event) {
    if (!LoggerContext.PROPERTY_CONFIG.equals(event.getPropertyName())) {
      return;
    }
    List<Line> lines;
    Configuration own = configuration.get();
    synchronized (this) {
      if (own != null && event.getNewValue() != own && isComing(own)) {
        return; // another configuration came first; ours may still follow
      }
      lines = new ArrayList<>(waiting);
      waiting.clear();
      listening = false;
      context.removePropertyChangeListener(this);
    }
    if (own != null && event.getNewValue() == own) {
      for (Line line : lines) {
        write(line.level(), line.message());
      }
    }
  }

  private void write(Level level, String message) {
    ExtendedLogger logger = context.getLogger(LOGGER_NAME);
    quiet = !logger.isWarnEnabled();
    if (!logger.isEnabled(level)) {
      return; // the application silenced org.sentrybridge
    }
    if (reachesAnotherAppender()) {
      logger.log(level, message);
    } else {
      System.err.println("sentry-bridge " + level + " " + message);
    }
  }

  private void toStandardError(Level level, String message) {
    if (level.isMoreSpecificThan(Level.WARN) && !quiet) {
      System.err.println("sentry-bridge " + level + " " + message);
    }
  }

  /** True when a line of org.sentrybridge reaches an appender other than sentry-bridge's. */
  private boolean reachesAnotherAppender() {
    for (LoggerConfig config = context.getConfiguration().getLoggerConfig(LOGGER_NAME);
        config != null;
        config = config.getParent()) {
      for (Appender appender : config.getAppenders().values()) {
        if (!(appender instanceof SentryAppender)) {
          return true;
        }
      }
      if (!config.isAdditive()) {
        return false;
      }
    }
    return false;
  }

  private record Line(Level level, String message) {}
}
