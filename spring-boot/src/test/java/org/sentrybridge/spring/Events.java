package org.sentrybridge.spring;

import io.sentry.SentryEvent;
import io.sentry.protocol.SentryException;
import java.util.function.Predicate;

/** Predicates on events received by the loopback receiver. */
final class Events {

  private Events() {}

  /** The event carries an exception whose message contains {@code text}. */
  static Predicate<SentryEvent> withException(String text) {
    return event -> event.getExceptions() != null
        && event.getExceptions().stream()
            .map(SentryException::getValue)
            .anyMatch(value -> value != null && value.contains(text));
  }
}
