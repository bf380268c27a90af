package org.sentrybridge.event;

import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.SentryStackTraceFactory;
import io.sentry.exception.ExceptionMechanismException;
import io.sentry.protocol.Mechanism;
import io.sentry.protocol.Message;
import io.sentry.protocol.SentryId;
import io.sentry.protocol.OperatingSystem;
import io.sentry.protocol.SentryStackFrame;
import io.sentry.protocol.SentryStackTrace;
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
  /** The exception mechanism type of errors sent by hand. */
  public static final String MANUAL_MECHANISM_TYPE = "sentry-bridge";

  private EventFactory() {}

  /**
   * Makes the event. With {@code sendMetadata} false it carries only the exception, message, level,
   * timestamp and (from the scope) the trace context. {@code callSite} is the stack of a
   * message-only error, shown on the logging thread's entry (null: none); {@code stacks} turns it
   * into Sentry frames (in-app rules).
   *
   * @param record the log event
   * @param rules the appender's capture rules (mechanism type, context tags, user keys)
   * @param crumbs the log lines to attach as breadcrumbs; null or empty for none
   * @param callSite the stack of the logging call; null for none
   * @param stacks makes Sentry frames of {@code callSite}; null leaves the call site out
   * @param sendMetadata false for the exception, message, level, timestamp and trace context only
   * @return the event, not yet handed to the SDK
   */
  public static SentryEvent create(
      LogRecord record,
      CaptureRules rules,
      List<BreadcrumbRing.Crumb> crumbs,
      StackTraceElement[] callSite,
      SentryStackTraceFactory stacks,
      boolean sendMetadata) {
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
    if (callSite != null && callSite.length > 0 && stacks != null) {
      List<SentryStackFrame> frames = stacks.getStackFrames(callSite, false);
      if (frames != null && !frames.isEmpty()) {
        SentryStackTrace stack = new SentryStackTrace(frames);
        stack.setSnapshot(true);
        event.getThreads().get(0).setStacktrace(stack);
      }
    }
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
    addBreadcrumbs(event, crumbs);
    return event;
  }

  /**
   * Makes the event of an error sent by hand ({@code SentryService.sendError}): mechanism {@code
   * sentry-bridge}, handled. With {@code sendMetadata} it describes the caller's thread and the
   * operating system and carries the log lines of the caller's scope; without, it carries no thread.
   *
   * @param error the error
   * @param eventId the id the caller was given
   * @param threadName the name of the thread that sent it
   * @param threadId the id of that thread
   * @param crumbs the log lines to attach as breadcrumbs; null or empty for none
   * @param sendMetadata false for the exception alone
   * @return the event, not yet handed to the SDK
   */
  public static SentryEvent createManual(
      Throwable error,
      SentryId eventId,
      String threadName,
      long threadId,
      List<BreadcrumbRing.Crumb> crumbs,
      boolean sendMetadata) {
    Mechanism mechanism = new Mechanism();
    mechanism.setType(MANUAL_MECHANISM_TYPE);
    mechanism.setHandled(true);
    SentryEvent event =
        new SentryEvent(new ExceptionMechanismException(mechanism, error, null, false));
    event.setEventId(eventId);
    if (sendMetadata) {
      addThreadAndOs(event, threadName, threadId);
      addBreadcrumbs(event, crumbs);
    } else {
      event.setThreads(Collections.emptyList());
    }
    return event;
  }

  /**
   * Puts log lines on the event as breadcrumbs; the SDK merges the scope's own breadcrumbs in by
   * time when it applies the scope.
   *
   * @param event the event to complete
   * @param crumbs the log lines, oldest first; null or empty for none
   */
  public static void addBreadcrumbs(SentryEvent event, List<BreadcrumbRing.Crumb> crumbs) {
    if (crumbs == null || crumbs.isEmpty()) {
      return;
    }
    List<Breadcrumb> breadcrumbs = new ArrayList<>(crumbs.size());
    for (BreadcrumbRing.Crumb crumb : crumbs) {
      breadcrumbs.add(breadcrumb(crumb));
    }
    event.setBreadcrumbs(breadcrumbs);
  }

  /**
   * Passes the log-line breadcrumbs of an event through the SDK's {@code beforeBreadcrumb}, as a
   * breadcrumb added to a scope goes through it: one it returns null for is left out, one it changes
   * goes as changed, and one whose callback throws is left out (as the SDK drops it). Runs on the
   * delivery thread with an empty hint, before the SDK merges the scope's own breadcrumbs in (they
   * went through the callback when they were added).
   *
   * @param event the event whose breadcrumbs are all log lines
   * @param options the SDK options holding the callback
   */
  public static void runBeforeBreadcrumb(SentryEvent event, SentryOptions options) {
    SentryOptions.BeforeBreadcrumbCallback callback = options.getBeforeBreadcrumb();
    List<Breadcrumb> crumbs = event.getBreadcrumbs();
    if (callback == null || crumbs == null || crumbs.isEmpty()) {
      return;
    }
    List<Breadcrumb> kept = new ArrayList<>(crumbs.size());
    for (Breadcrumb crumb : crumbs) {
      Breadcrumb result;
      try {
        result = callback.execute(crumb, new Hint());
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        result = null;
      }
      if (result != null) {
        kept.add(result);
      }
    }
    event.setBreadcrumbs(kept);
  }

  private static void addContextData(SentryEvent event, LogRecord record, CaptureRules rules) {
    Map<String, String> data = record.contextData();
    if (data.isEmpty()) {
      return;
    }
    Map<String, Object> rest = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : data.entrySet()) {
      if (entry.getValue() == null || TraceIdKeys.isKey(entry.getKey())) {
        continue; // the trace ids are in the trace context
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
    User user = user(data, rules.userMdcKeys());
    if (user != null) {
      event.setUser(user);
    }
  }

  /**
   * The Sentry user that {@code userMdcKeys} (user field to MDC key) make of MDC / ThreadContext
   * entries; null when none of those keys has a value.
   *
   * @param data the MDC / ThreadContext entries
   * @param userMdcKeys user field ({@code id}, {@code email}, {@code ipAddress}; any other is the
   *     username) to the MDC key it is read from
   * @return the user, or null
   */
  public static User user(Map<String, String> data, Map<String, String> userMdcKeys) {
    User user = null;
    for (Map.Entry<String, String> field : userMdcKeys.entrySet()) {
      String value = data.get(field.getValue());
      if (value == null) {
        continue;
      }
      if (user == null) {
        user = new User();
      }
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
    return user;
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
