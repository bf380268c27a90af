package org.sentrybridge.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/**
 * A fresh {@link LoggerContext} configured from one of the test XML files, with properties (such as
 * {@code SENTRY_DSN}) set before the file is read. Closing it stops the context, and with it the
 * appenders, so the next test starts the integration afresh.
 */
final class ConfiguredContext implements AutoCloseable {

  final LoggerContext context = new LoggerContext();
  private final Map<String, String> properties;

  ConfiguredContext(String resource, Map<String, String> properties) {
    context.setName(resource);
    // org.slf4j.MDC writes to the provider's adapter: let this context read the same one
    context.setMDCAdapter(MDC.getMDCAdapter());
    this.properties = Map.copyOf(properties);
    configure(resource);
  }

  /**
   * Reads the XML again into the same context, as Logback's {@code scan} does on a change (the
   * reset forgets the properties, so they are set again).
   */
  void reconfigure(String resource) {
    context.reset();
    configure(resource);
  }

  private void configure(String resource) {
    properties.forEach(context::putProperty);
    URL url = ConfiguredContext.class.getResource("/logback/" + resource);
    if (url == null) {
      throw new IllegalArgumentException("no test configuration " + resource);
    }
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(url);
    } catch (JoranException e) {
      throw new IllegalStateException(e);
    }
  }

  Logger logger(String name) {
    return context.getLogger(name);
  }

  /** What the ListAppender of this name on the root logger recorded. */
  List<ILoggingEvent> listed(String appenderName) {
    @SuppressWarnings("unchecked")
    ListAppender<ILoggingEvent> list =
        (ListAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(appenderName);
    return new ArrayList<>(list.list);
  }

  /** The lines the logger org.sentrybridge wrote to that ListAppender, as "LEVEL message". */
  List<String> ownLines(String appenderName) {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : listed(appenderName)) {
      if (event.getLoggerName().equals("org.sentrybridge")) {
        lines.add(event.getLevel() + " " + event.getFormattedMessage());
      }
    }
    return lines;
  }

  SentryAppender sentryAppender() {
    return (SentryAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("SENTRY");
  }

  /** Every status message of the context as "LEVEL message", LEVEL being INFO, WARN or ERROR. */
  List<String> statusLines() {
    List<String> lines = new ArrayList<>();
    for (Status status : context.getStatusManager().getCopyOfStatusList()) {
      int code = status.getLevel();
      String level = code == Status.ERROR ? "ERROR" : code == Status.WARN ? "WARN" : "INFO";
      lines.add(level + " " + status.getMessage());
    }
    return lines;
  }

  List<String> statusLines(String level) {
    List<String> matching = new ArrayList<>();
    for (String line : statusLines()) {
      if (line.startsWith(level + " ")) {
        matching.add(line.substring(level.length() + 1));
      }
    }
    return matching;
  }

  @Override
  public void close() {
    context.stop();
  }
}
