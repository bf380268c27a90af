package org.sentrybridge.delivery;

import io.sentry.SentryEvent;
import io.sentry.SentryStackTraceFactory;
import io.sentry.protocol.SentryId;
import io.sentry.protocol.User;
import java.util.List;
import java.util.Map;
import org.sentrybridge.ScopeConfigurator;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.EventFactory;
import org.sentrybridge.event.LogRecord;
import org.sentrybridge.scope.ScopeSnapshot;

/**
 * One error handed from an application thread to the delivery thread: a log record from an
 * appender, or an error sent by hand with its scope configurator; either with the Sentry scope of
 * the thread that logged or sent it.
 */
public final class Submission {

  private final LogRecord record;
  private final CaptureRules rules;
  private final ScopeSnapshot scope;
  private final StackTraceElement[] callSite;
  private final Throwable error;
  private final ScopeConfigurator configurator;
  private final SentryId eventId;
  private final boolean sendMetadata;
  private final String threadName;
  private final long threadId;
  /** The next submission in {@link SubmissionQueue}, which alone reads and writes it. */
  @SuppressWarnings("unused") // through SubmissionQueue's VarHandle
  Submission next;

  private Submission(
      LogRecord record,
      CaptureRules rules,
      ScopeSnapshot scope,
      StackTraceElement[] callSite,
      Throwable error,
      ScopeConfigurator configurator,
      SentryId eventId,
      boolean sendMetadata,
      Thread caller) {
    this.record = record;
    this.rules = rules;
    this.scope = scope;
    this.callSite = callSite;
    this.error = error;
    this.configurator = configurator;
    this.eventId = eventId;
    this.sendMetadata = sendMetadata;
    // a log record carries its own thread; an error sent by hand is described by its caller
    this.threadName = caller == null ? null : caller.getName();
    this.threadId = caller == null ? 0 : caller.getId();
  }

  /**
   * A logged error with the logging thread's scope; {@code callSite} is the stack of a
   * message-only error (null when there is none).
   */
  public static Submission ofLog(
      LogRecord record,
      CaptureRules rules,
      ScopeSnapshot scope,
      StackTraceElement[] callSite,
      boolean sendMetadata) {
    return new Submission(
        record, rules, scope, callSite, record.throwable(), null, null, sendMetadata, null);
  }

  /** The empty link {@link SubmissionQueue} starts from; never delivered. */
  static Submission stub() {
    return new Submission(null, null, null, null, null, null, null, false, null);
  }

  /** An error sent by hand, with its caller's scope. */
  public static Submission ofError(
      Throwable error, ScopeConfigurator configurator, ScopeSnapshot scope, boolean sendMetadata) {
    return new Submission(
        null,
        null,
        scope,
        null,
        error,
        configurator,
        new SentryId(),
        sendMetadata,
        Thread.currentThread());
  }

  /** The id the event gets; for log records it is chosen when the event is made. */
  public SentryId eventId() {
    return eventId;
  }

  /** True for errors sent by hand: they are never folded into a repeat count. */
  public boolean isManual() {
    return record == null;
  }

  public LogRecord record() {
    return record;
  }

  public Throwable throwable() {
    return error;
  }

  public ScopeConfigurator configurator() {
    return configurator;
  }

  /**
   * Who this error happened to, as its event will say: the user fields that {@code userMdcKeys}
   * take from the record's MDC / ThreadContext, else the user of the logging thread's Sentry scope
   * (id, e-mail, username, IP address), as text; null when there is none (or no metadata is sent).
   * Flood control never folds errors of different users into one another.
   */
  String userKey() {
    if (record == null || !sendMetadata) {
      return null;
    }
    StringBuilder key = null;
    if (rules != null && !record.contextData().isEmpty()) {
      for (Map.Entry<String, String> field : rules.userMdcKeys().entrySet()) {
        String value = record.contextData().get(field.getValue());
        if (value != null) {
          key = key == null ? new StringBuilder() : key.append('\n');
          key.append(field.getKey()).append('=').append(value);
        }
      }
    }
    if (key != null) {
      return key.toString();
    }
    User user = scope == null ? null : scope.user();
    if (user == null
        || (user.getId() == null
            && user.getEmail() == null
            && user.getUsername() == null
            && user.getIpAddress() == null)) {
      return null;
    }
    return "id=" + user.getId() + "\nemail=" + user.getEmail() + "\nusername=" + user.getUsername()
        + "\nipAddress=" + user.getIpAddress();
  }

  /** The Sentry scope of the thread that logged or sent the error. */
  public ScopeSnapshot scope() {
    return scope;
  }

  public boolean sendMetadata() {
    return sendMetadata;
  }

  /** Name of the thread that logged or sent the error. */
  public String threadName() {
    return record != null ? record.threadName() : threadName;
  }

  /** Id of the thread that logged or sent the error; 0 when unknown. */
  public long threadId() {
    return record != null ? record.threadId() : threadId;
  }

  /** Builds the Sentry event; runs on the delivery thread. */
  SentryEvent toEvent(SentryStackTraceFactory stacks) {
    if (record != null) {
      return EventFactory.create(
          record, rules, sendMetadata ? scope.logLines() : null, callSite, stacks, sendMetadata);
    }
    return EventFactory.createManual(
        error, eventId, threadName, threadId, sendMetadata ? scope.logLines() : null,
        sendMetadata);
  }
}
