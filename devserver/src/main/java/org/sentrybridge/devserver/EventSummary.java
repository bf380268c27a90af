package org.sentrybridge.devserver;

import io.sentry.Breadcrumb;
import io.sentry.SentryEvent;
import io.sentry.SentryLogEvent;
import io.sentry.SentryLogEventAttributeValue;
import io.sentry.protocol.Message;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryStackFrame;
import io.sentry.protocol.SentryStackTrace;
import io.sentry.protocol.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A short, readable text of one received Sentry event: what a newcomer would look at first in
 * Sentry's issue page (level, exception, message, tags, MDC, user, where it was thrown).
 *
 * <pre>
 * --- Sentry event 6f1c... [error] logger=org.example.Checkout
 *     exception: java.lang.IllegalStateException: payment declined
 *     caused by: java.net.SocketTimeoutException: read timed out
 *     message:   checkout failed for order 42
 *     tags:      order.id=42, region=eu
 *     MDC:       requestId=r-7
 *     user:      id=u-1 email=ann@example.com
 *     breadcrumbs: 2, last: charging order 42
 *     at org.example.Checkout.pay(Checkout.java:31)
 * </pre>
 */
public final class EventSummary {

  /** How many application frames the summary shows, innermost first. */
  public static final int FRAMES_SHOWN = 3;

  /** Name of the context the sentry-bridge appenders put MDC / ThreadContext entries in. */
  private static final String MDC_CONTEXT = "MDC";

  /** Packages never counted as application code when the SDK did not mark frames in-app. */
  private static final String[] LIBRARY_PREFIXES = {
    "java.", "javax.", "jdk.", "sun.", "com.sun.", "ch.qos.logback.", "org.apache.logging.",
    "org.slf4j.", "io.sentry.", "org.sentrybridge.internal.", "org.sentrybridge.delivery.",
    "org.junit.", "org.apache.maven.", "org.codehaus.mojo."
  };

  private EventSummary() {}

  /**
   * A readable summary of an event, as printed by {@link DevServer} and the examples.
   *
   * @param event the event as the receiver parsed it
   * @return several lines, ending without a line break
   */
  public static String format(SentryEvent event) {
    StringBuilder out = new StringBuilder();
    out.append("--- Sentry event ").append(event.getEventId());
    // Sentry shows an event without level as an error
    out.append(" [")
        .append(event.getLevel() == null ? "error" : event.getLevel().name().toLowerCase(Locale.ROOT))
        .append(']');
    if (event.getLogger() != null) {
      out.append(" logger=").append(event.getLogger());
    }
    List<SentryException> chain = outermostFirst(event.getExceptions());
    for (int i = 0; i < chain.size(); i++) {
      line(out, i == 0 ? "exception" : "caused by", describe(chain.get(i)));
    }
    if (!chain.isEmpty()
        && chain.get(0).getMechanism() != null
        && Boolean.FALSE.equals(chain.get(0).getMechanism().isHandled())) {
      line(out, "unhandled", "yes (" + chain.get(0).getMechanism().getType() + ")");
    }
    String message = message(event.getMessage());
    if (message != null) {
      line(out, "message", message);
    }
    if (event.getRequest() != null && event.getRequest().getUrl() != null) {
      line(out, "request", event.getRequest().getMethod() + " " + event.getRequest().getUrl());
    }
    if (event.getTransaction() != null) {
      line(out, "transaction", event.getTransaction());
    }
    if (event.getTags() != null && !event.getTags().isEmpty()) {
      line(out, "tags", join(event.getTags()));
    }
    Object mdc = event.getContexts().get(MDC_CONTEXT);
    if (mdc instanceof Map && !((Map<?, ?>) mdc).isEmpty()) {
      line(out, "MDC", join((Map<?, ?>) mdc));
    }
    String user = user(event.getUser());
    if (user != null) {
      line(out, "user", user);
    }
    List<Breadcrumb> crumbs = event.getBreadcrumbs();
    if (crumbs != null && !crumbs.isEmpty()) {
      Breadcrumb last = crumbs.get(crumbs.size() - 1);
      line(out, "breadcrumbs", crumbs.size() + ", last: " + last.getMessage());
    }
    if (!chain.isEmpty()) {
      for (SentryStackFrame frame : topApplicationFrames(chain.get(0))) {
        out.append("\n    at ").append(frame(frame));
      }
    }
    return out.toString();
  }

  /**
   * A one-line summary of a received Sentry log entry ({@code log} envelope item), as printed by
   * {@link DevServer} and the examples:
   *
   * <pre>
   * --- Sentry log [info] order 42 paid  logger=com.example.App  thread=main  trace=0f3c...
   * </pre>
   *
   * @param log the entry as the receiver parsed it
   * @return one line, without a line break
   */
  public static String format(SentryLogEvent log) {
    StringBuilder out = new StringBuilder("--- Sentry log [");
    out.append(log.getLevel() == null ? "info" : log.getLevel().name().toLowerCase(Locale.ROOT))
        .append("] ")
        .append(log.getBody());
    Map<String, SentryLogEventAttributeValue> attributes =
        log.getAttributes() == null ? Map.of() : new TreeMap<>(log.getAttributes());
    appendAttribute(out, attributes, "logger", "logger.name");
    appendAttribute(out, attributes, "thread", "thread.name");
    for (Map.Entry<String, SentryLogEventAttributeValue> attribute : attributes.entrySet()) {
      if (attribute.getKey().startsWith("mdc.")) {
        out.append("  ")
            .append(attribute.getKey())
            .append('=')
            .append(attribute.getValue().getValue());
      }
    }
    if (log.getTraceId() != null) {
      out.append("  trace=").append(log.getTraceId());
    }
    return out.toString();
  }

  private static void appendAttribute(
      StringBuilder out, Map<String, SentryLogEventAttributeValue> attributes, String label,
      String name) {
    SentryLogEventAttributeValue value = attributes.get(name);
    if (value != null && value.getValue() != null) {
      out.append("  ").append(label).append('=').append(value.getValue());
    }
  }

  /** The SDK lists the exception chain innermost cause first; a reader wants the thrown one first. */
  private static List<SentryException> outermostFirst(List<SentryException> exceptions) {
    List<SentryException> chain = new ArrayList<>();
    if (exceptions != null) {
      for (int i = exceptions.size() - 1; i >= 0; i--) {
        chain.add(exceptions.get(i));
      }
    }
    return chain;
  }

  private static String describe(SentryException exception) {
    String type = exception.getType();
    if (exception.getModule() != null && type != null && !type.contains(".")) {
      type = exception.getModule() + "." + type;
    }
    return exception.getValue() == null ? type : type + ": " + exception.getValue();
  }

  private static String message(Message message) {
    if (message == null) {
      return null;
    }
    return message.getFormatted() != null ? message.getFormatted() : message.getMessage();
  }

  private static String user(User user) {
    if (user == null) {
      return null;
    }
    StringJoiner parts = new StringJoiner(" ");
    add(parts, "id", user.getId());
    add(parts, "email", user.getEmail());
    add(parts, "username", user.getUsername());
    add(parts, "ip", user.getIpAddress());
    return parts.length() == 0 ? null : parts.toString();
  }

  private static void add(StringJoiner parts, String name, String value) {
    if (value != null) {
      parts.add(name + "=" + value);
    }
  }

  /**
   * The innermost frames of application code. Sentry orders frames oldest call first, so the
   * frames nearest the throw are at the end.
   */
  private static List<SentryStackFrame> topApplicationFrames(SentryException exception) {
    SentryStackTrace trace = exception.getStacktrace();
    List<SentryStackFrame> shown = new ArrayList<>();
    if (trace == null || trace.getFrames() == null) {
      return shown;
    }
    List<SentryStackFrame> frames = trace.getFrames();
    boolean sdkMarked = frames.stream().anyMatch(f -> Boolean.TRUE.equals(f.isInApp()));
    for (int i = frames.size() - 1; i >= 0 && shown.size() < FRAMES_SHOWN; i--) {
      SentryStackFrame frame = frames.get(i);
      boolean application =
          sdkMarked ? Boolean.TRUE.equals(frame.isInApp()) : !isLibrary(frame.getModule());
      if (application) {
        shown.add(frame);
      }
    }
    return shown;
  }

  private static boolean isLibrary(String module) {
    if (module == null) {
      return true;
    }
    for (String prefix : LIBRARY_PREFIXES) {
      if (module.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static String frame(SentryStackFrame frame) {
    String where = frame.getFilename() == null ? "Unknown Source" : frame.getFilename();
    if (frame.getLineno() != null && frame.getLineno() > 0) {
      where += ":" + frame.getLineno();
    }
    return frame.getModule() + "." + frame.getFunction() + "(" + where + ")";
  }

  private static String join(Map<?, ?> entries) {
    StringJoiner joined = new StringJoiner(", ");
    for (Map.Entry<?, ?> entry : new TreeMap<>(entries).entrySet()) {
      joined.add(entry.getKey() + "=" + entry.getValue());
    }
    return joined.toString();
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append("\n    ").append(label).append(':');
    for (int pad = label.length(); pad < 10; pad++) {
      out.append(' ');
    }
    if (label.length() >= 10) {
      out.append(' ');
    }
    out.append(value);
  }
}
