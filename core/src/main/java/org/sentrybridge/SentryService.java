package org.sentrybridge;

import io.sentry.IScopes;
import io.sentry.protocol.SentryId;
import java.time.Duration;
import java.util.Optional;

/**
 * The shared Sentry service: one per process, used by every appender and by application code
 * through {@link SentryBridge#service()}. Every method is safe to call in every state: with no DSN
 * or after {@link #close()} the calls are cheap no-ops.
 */
public interface SentryService extends AutoCloseable {

  /**
   * Sends {@code error} as a Sentry event with the calling thread's Sentry scope as it is now (as
   * {@code Sentry.captureException} would). Returns at once: the event is built and delivered on
   * sentry-bridge's delivery thread.
   *
   * @param error the exception to send
   * @return the id the event will have in Sentry, or {@link SentryId#EMPTY_ID} when disabled
   */
  default SentryId sendError(Throwable error) {
    return sendError(error, null);
  }

  /**
   * Sends {@code error} after {@code configurator} changed that event's own scope (tags, user,
   * fingerprint...). The configurator runs even with {@code sendMetadata=false}.
   *
   * @param error the exception to send
   * @param configurator changes this event's scope; null for none
   * @return the id the event will have in Sentry, or {@link SentryId#EMPTY_ID} when disabled
   */
  SentryId sendError(Throwable error, ScopeConfigurator configurator);

  /**
   * The Sentry SDK scopes events go through.
   *
   * @return the scopes; empty when disabled
   */
  Optional<IScopes> getInstance();

  /**
   * Whether events are sent.
   *
   * @return true when a valid DSN was given and the service is not closed
   */
  boolean isEnabled();

  /**
   * Waits until everything handed over so far was delivered or {@code timeout} passed. Once a
   * request finds Sentry unreachable, only for one more request, made at once: if it fails too,
   * what is left stays buffered.
   *
   * @param timeout how long to wait at most
   * @return true when nothing is left to deliver
   */
  boolean flush(Duration timeout);

  /**
   * Releases this handle. The last handle to close flushes (within the configured {@code
   * flushTimeout}) and shuts the SDK down. Idempotent.
   */
  @Override
  void close();
}
