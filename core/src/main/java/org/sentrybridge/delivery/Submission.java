package org.sentrybridge.delivery;

import io.sentry.SentryEvent;
import io.sentry.exception.ExceptionMechanismException;
import io.sentry.protocol.Mechanism;
import io.sentry.protocol.SentryId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.sentrybridge.ScopeConfigurator;
import org.sentrybridge.event.BreadcrumbRing;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.EventFactory;
import org.sentrybridge.event.LogRecord;

/**
 * One error handed from an application thread to the delivery thread: a log record from an
 * appender, or an error sent by hand with its scope configurator.
 */
public final class Submission {

  private final LogRecord record;
  private final CaptureRules rules;
  private final List<BreadcrumbRing.Crumb> crumbs;
  private final Throwable error;
  private final ScopeConfigurator configurator;
  private final SentryId eventId;
  private final boolean sendMetadata;
  private final String threadName;
  private final long threadId;

  private Submission(
      LogRecord record,
      CaptureRules rules,
      List<BreadcrumbRing.Crumb> crumbs,
      Throwable error,
      ScopeConfigurator configurator,
      SentryId eventId,
      boolean sendMetadata,
      Thread caller) {
    this.record = record;
    this.rules = rules;
    this.crumbs = crumbs;
    this.error = error;
    this.configurator = configurator;
    this.eventId = eventId;
    this.sendMetadata = sendMetadata;
    // a log record carries its own thread; an error sent by hand is described by its caller
    this.threadName = caller == null ? null : caller.getName();
    this.threadId = caller == null ? 0 : caller.getId();
  }

  public static Submission ofLog(
      LogRecord record,
      CaptureRules rules,
      List<BreadcrumbRing.Crumb> crumbs,
      boolean sendMetadata) {
    return new Submission(
        record, rules, crumbs, record.throwable(), null, null, sendMetadata, null);
  }

  public static Submission ofError(
      Throwable error, ScopeConfigurator configurator, boolean sendMetadata) {
    return new Submission(
        null,
        null,
        Collections.emptyList(),
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
   * take from the record's MDC / ThreadContext, as text; null when there is none (or no metadata
   * is sent). Flood control never folds errors of different users into one another.
   */
  String userKey() {
    if (record == null || !sendMetadata || rules == null || rules.userMdcKeys().isEmpty()) {
      return null;
    }
    StringBuilder key = null;
    for (Map.Entry<String, String> field : rules.userMdcKeys().entrySet()) {
      String value = record.contextData().get(field.getValue());
      if (value != null) {
        key = key == null ? new StringBuilder() : key.append('\n');
        key.append(field.getKey()).append('=').append(value);
      }
    }
    return key == null ? null : key.toString();
  }

  /** Builds the Sentry event; runs on the delivery thread. */
  SentryEvent toEvent() {
    if (record != null) {
      return EventFactory.create(record, rules, crumbs, sendMetadata);
    }
    Mechanism mechanism = new Mechanism();
    mechanism.setType("sentry-bridge");
    mechanism.setHandled(true);
    SentryEvent event = new SentryEvent(new ExceptionMechanismException(mechanism, error, null, false));
    event.setEventId(eventId);
    if (sendMetadata) {
      EventFactory.addThreadAndOs(event, threadName, threadId);
    } else {
      event.setThreads(Collections.emptyList());
    }
    return event;
  }
}
