package org.sentrybridge.log4j2;

import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.appender.AsyncAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * Whether a configuration hands log events to another thread before they reach an appender: an
 * {@code <Async>} appender, an {@code <AsyncLogger>} / {@code <AsyncRoot>}, or the all-async
 * context selector. Only then do the logging threads need to leave their trace ids in the events.
 */
final class AsyncSetups {

  /** Named, not referenced: these classes need the LMAX Disruptor, which is optional. */
  private static final String ASYNC_CONTEXT = "org.apache.logging.log4j.core.async.AsyncLoggerContext";
  private static final String ASYNC_LOGGER_CONFIG =
      "org.apache.logging.log4j.core.async.AsyncLoggerConfig";

  private AsyncSetups() {}

  /** True when {@code configuration} has an asynchronous element, or is unknown (null). */
  static boolean present(Configuration configuration) {
    if (configuration == null) {
      return true;
    }
    if (configuration.getLoggerContext() != null
        && isA(configuration.getLoggerContext().getClass(), ASYNC_CONTEXT)) {
      return true;
    }
    LoggerConfig root = configuration.getRootLogger();
    if (root != null && isA(root.getClass(), ASYNC_LOGGER_CONFIG)) {
      return true;
    }
    for (LoggerConfig logger : configuration.getLoggers().values()) {
      if (isA(logger.getClass(), ASYNC_LOGGER_CONFIG)) {
        return true;
      }
    }
    for (Appender appender : configuration.getAppenders().values()) {
      if (appender instanceof AsyncAppender) {
        return true;
      }
    }
    return false;
  }

  private static boolean isA(Class<?> type, String className) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals(className)) {
        return true;
      }
    }
    return false;
  }
}
