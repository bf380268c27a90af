package org.sentrybridge.event;

import io.sentry.Breadcrumb;
import io.sentry.SentryEvent;
import io.sentry.exception.ExceptionMechanismException;
import io.sentry.protocol.Mechanism;
import io.sentry.protocol.Message;
import io.sentry.protocol.OperatingSystem;
import io.sentry.protocol.SentryThread;
import io.sentry.protocol.User;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link LogRecord} into a Sentry event. Runs on the delivery thread, so it may take its
 * time; it reads nothing of the current thread.
 */
public final class EventFactory {

  /** Name of the context that holds MDC / ThreadContext entries not promoted to tags. */
  public static final String MDC_CONTEXT = "MDC";
  /** Name of the context that holds SLF4J 2 key-value pairs. */
  public static final String KEY_VALUES_CONTEXT = "KeyValues";

  private EventFactory() {}

  /**
   * Makes the event. With {@code sendMetadata} false it carries only the exception, message, level
   * and timestamp.
   *
   * @param record the log event
   * @param rules the appender's rules (tags, user, mechanism)
   * @param crumbs the appender's breadcrumbs at the time; null or empty for none
   * @param sendMetadata whether to attach metadata
   * @return the event, not yet sent
   */
  public static SentryEvent create(
      LogRecord record, CaptureRules rules, List<BreadcrumbRing.Crumb> crumbs, boolean sendMetadata) {
    SentryEvent event = new SentryEvent(Date.from(record.timestamp()));
    event.setLevel(record.level().toSentryLevel());
    String formatted = record.formattedMessage();
    if (record.messageTemplate() != null || formatted != null) {
      Message message = new Message();
      message.setMessage(record.messageTemplate());
      message.setFormatted(formatted);
      if (!record.arguments().isEmpty()) {
        message.setParams(new ArrayList<>(record.arguments()));
      }
      event.setMessage(message);
    }
    if (record.throwable() != null) {
      Mechanism mechanism = new Mechanism();
      mechanism.setType(rules.mechanismType());
      mechanism.setHandled(true);
      event.setThrowable(
          new ExceptionMechanismException(mechanism, record.throwable(), null, false));
    }
    if (!sendMetadata) {
      // otherwise the SDK would describe the delivery thread, which is not where the error was
      event.setThreads(Collections.emptyList());
      return event;
    }
    event.setLogger(record.loggerName());
    addThreadAndOs(event, record.threadName(), record.threadId());
    addContextData(event, record, rules);
    if (!record.markers().isEmpty()) {
      event.setTag("marker", record.markers().get(0));
      event.setExtra("markers", new ArrayList<>(record.markers()));
    }
    if (!record.keyValues().isEmpty()) {
      event.getContexts().put(KEY_VALUES_CONTEXT, new LinkedHashMap<>(record.keyValues()));
    }
    if (!record.contextStack().isEmpty()) {
      event.setExtra("contextStack", new ArrayList<>(record.contextStack()));
    }
    if (crumbs != null && !crumbs.isEmpty()) {
      List<Breadcrumb> breadcrumbs = new ArrayList<>(crumbs.size());
      for (BreadcrumbRing.Crumb crumb : crumbs) {
        breadcrumbs.add(breadcrumb(crumb));
      }
      event.setBreadcrumbs(breadcrumbs);
    }
    return event;
  }

  private static void addContextData(SentryEvent event, LogRecord record, CaptureRules rules) {
    Map<String, String> data = record.contextData();
    if (data.isEmpty()) {
      return;
    }
    Map<String, Object> rest = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : data.entrySet()) {
      if (entry.getValue() == null) {
        continue;
      }
      if (rules.isContextTag(entry.getKey())) {
        event.setTag(entry.getKey(), entry.getValue());
      } else {
        rest.put(entry.getKey(), entry.getValue());
      }
    }
    if (!rest.isEmpty()) {
      event.getContexts().put(MDC_CONTEXT, rest);
    }
    if (!rules.userMdcKeys().isEmpty()) {
      User user = new User();
      boolean any = false;
      for (Map.Entry<String, String> field : rules.userMdcKeys().entrySet()) {
        String value = data.get(field.getValue());
        if (value == null) {
          continue;
        }
        any = true;
        switch (field.getKey()) {
          case "id":
            user.setId(value);
            break;
          case "email":
            user.setEmail(value);
            break;
          case "ipAddress":
            user.setIpAddress(value);
            break;
          default:
            user.setUsername(value);
            break;
        }
      }
      if (any) {
        event.setUser(user);
      }
    }
  }

  /**
   * Describes the thread the error happened on (not the delivery thread) and the operating system.
   *
   * @param event the event to complete
   * @param threadName the thread's name
   * @param threadId the thread's id
   */
  public static void addThreadAndOs(SentryEvent event, String threadName, long threadId) {
    SentryThread thread = new SentryThread();
    thread.setName(threadName);
    thread.setId(threadId);
    thread.setCurrent(true);
    event.setThreads(Collections.singletonList(thread));
    event.setExtra("thread_name", threadName);
    event.getContexts().setOperatingSystem(currentOs());
  }

  private static Breadcrumb breadcrumb(BreadcrumbRing.Crumb crumb) {
    Breadcrumb breadcrumb = new Breadcrumb(Date.from(crumb.timestamp()));
    breadcrumb.setMessage(crumb.message());
    breadcrumb.setCategory(crumb.loggerName());
    breadcrumb.setLevel(crumb.level().toSentryLevel());
    breadcrumb.setType("default");
    return breadcrumb;
  }

  private static OperatingSystem currentOs() {
    OperatingSystem os = new OperatingSystem();
    os.setName(System.getProperty("os.name"));
    os.setVersion(System.getProperty("os.version"));
    os.setRawDescription(
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"));
    return os;
  }
}
