package org.sentrybridge.delivery;

import io.sentry.transport.ITransportGate;
import io.sentry.transport.RateLimiter;

/**
 * Lets the SDK's HTTP transport send only while Sentry's rate limit is over and the transport is
 * open. The SDK checks the gate right before each request, so envelopes already queued in its
 * executor when a 429 arrives do not hit Sentry again; they fail fast and stay in the buffer.
 */
final class SendGate implements ITransportGate {

  private final ITransportGate sdkGate;
  private final RateLimiter rateLimiter;
  private volatile boolean closed;

  SendGate(ITransportGate sdkGate, RateLimiter rateLimiter) {
    this.sdkGate = sdkGate;
    this.rateLimiter = rateLimiter;
  }

  void close() {
    closed = true;
  }

  @Override
  public boolean isConnected() {
    return !closed && !rateLimiter.isAnyRateLimitActive() && sdkGate.isConnected();
  }
}
