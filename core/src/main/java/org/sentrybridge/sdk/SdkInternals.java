package org.sentrybridge.sdk;

import io.sentry.ExternalOptions;
import io.sentry.Hint;
import io.sentry.NoOpLogger;
import io.sentry.SentryEnvelope;
import io.sentry.SentryIntegrationPackageStorage;
import io.sentry.SentryOptions;
import io.sentry.config.PropertiesProvider;
import io.sentry.config.PropertiesProviderFactory;
import io.sentry.hints.DiskFlushNotification;
import io.sentry.transport.RateLimiter;
import io.sentry.util.HintUtils;

/**
 * Every part of the Sentry SDK that sentry-bridge uses although the SDK does not promise it to
 * applications (classes meant for its own integrations, names of its threads), in one place, so
 * that a new SDK version is checked here and by {@code SdkInternalsTest}, which runs against the
 * lowest and the newest supported {@code io.sentry:sentry}. Also the one hint key sentry-bridge
 * passes through the SDK, from its delivery thread to its transport. Depends on nothing else of
 * sentry-bridge.
 */
public final class SdkInternals {

  /** Hint key of a repeat summary: the buffer drops these first when it is full. */
  public static final String REPEAT_SUMMARY_HINT = "sentry-bridge:repeat-summary";

  /** The prefix of the name of the SDK's own transport threads (its {@code AsyncHttpTransport}). */
  static final String SDK_SENDER_THREAD_PREFIX = "SentryAsyncConnection";

  private SdkInternals() {}

  /**
   * The SDK's rate limiter for a transport of these options (it records client reports of what it
   * drops).
   *
   * @param options the SDK options the transport is made for
   * @return a new rate limiter
   */
  public static RateLimiter rateLimiter(SentryOptions options) {
    return new RateLimiter(options);
  }

  /**
   * What of the envelope the active rate limits let through.
   *
   * @param limiter the transport's rate limiter
   * @param envelope the envelope about to be sent
   * @return the envelope, without the items that are limited; null when nothing is left
   */
  public static SentryEnvelope allowed(RateLimiter limiter, SentryEnvelope envelope) {
    return limiter.filter(envelope, new Hint());
  }

  /**
   * Takes in the rate limits of one answer of Sentry.
   *
   * @param limiter the transport's rate limiter
   * @param rateLimits the {@code X-Sentry-Rate-Limits} header; null when absent
   * @param retryAfter the {@code Retry-After} header; null when absent
   * @param status the HTTP status
   */
  public static void applyAnswer(
      RateLimiter limiter, String rateLimits, String retryAfter, int status) {
    limiter.updateRetryAfterLimits(rateLimits, retryAfter, status);
  }

  /**
   * Whether a rate limit is active for any category.
   *
   * @param limiter the transport's rate limiter
   * @return true while any category is limited
   */
  public static boolean isAnyRateLimitActive(RateLimiter limiter) {
    return limiter.isAnyRateLimitActive();
  }

  /**
   * Tells whoever waits on the hint (the SDK's uncaught-exception handler) that the envelope is
   * kept: the transport's buffer holds it from now on.
   *
   * @param hint the hint the envelope came with; null does nothing
   */
  public static void markFlushed(Hint hint) {
    if (hint != null) {
      HintUtils.runIfHasType(hint, DiskFlushNotification.class, DiskFlushNotification::markFlushed);
    }
  }

  /**
   * Whether a thread of this name is one of the SDK's own transport threads: what they log is
   * never sent.
   *
   * @param threadName the thread's name
   * @return true for the SDK's sender threads
   */
  public static boolean isSdkSenderThread(String threadName) {
    return threadName != null && threadName.startsWith(SDK_SENDER_THREAD_PREFIX);
  }

  /**
   * The SDK's external configuration read from its usual sources: system properties {@code
   * sentry.*}, variables {@code SENTRY_*}, {@code sentry.properties}.
   *
   * @return the options found there
   */
  public static ExternalOptions externalOptions() {
    return externalOptions(PropertiesProviderFactory.create());
  }

  /**
   * The SDK's external configuration read by its own parser from {@code provider}; also how the
   * option names it knows are discovered (a provider that records every key asked for).
   *
   * @param provider where the parser reads the values
   * @return the options
   */
  public static ExternalOptions externalOptions(PropertiesProvider provider) {
    return ExternalOptions.from(provider, NoOpLogger.getInstance());
  }

  /**
   * Lists sentry-bridge among the integrations and packages that events name ({@code
   * sdk.integrations}, {@code sdk.packages}).
   *
   * @param integration the integration's name
   * @param packageName the package, e.g. {@code maven:org.sentrybridge:sentry-bridge-core}
   * @param version the package's version
   */
  public static void announce(String integration, String packageName, String version) {
    SentryIntegrationPackageStorage.getInstance().addIntegration(integration);
    SentryIntegrationPackageStorage.getInstance().addPackage(packageName, version);
  }
}
