package org.sentrybridge.delivery;

import io.sentry.transport.ITransportGate;
import io.sentry.transport.RateLimiter;

/**
 * Lets the SDK's HTTP transport send only while the transport is open, Sentry's rate limit is over
 * and no failure back-off runs. The SDK checks the gate right before each request, so envelopes
 * already queued in its executor when a request fails or a 429 arrives do not hit Sentry again:
 * they fail fast, without a request, and stay in the buffer.
 */
final class SendGate implements ITransportGate {

  private final ITransportGate sdkGate;
  private final RateLimiter rateLimiter;
  private volatile boolean closed;
  private volatile long pausedUntilNanos = System.nanoTime();

  SendGate(ITransportGate sdkGate, RateLimiter rateLimiter) {
    this.sdkGate = sdkGate;
    this.rateLimiter = rateLimiter;
  }

  void close() {
    closed = true;
  }

  /** No request before this time (a failure back-off). */
  void pauseUntil(long nanos) {
    pausedUntilNanos = nanos;
  }

  @Override
  public boolean isConnected() {
    return !closed
        && System.nanoTime() - pausedUntilNanos >= 0
        && !rateLimiter.isAnyRateLimitActive()
        && sdkGate.isConnected();
  }
}
