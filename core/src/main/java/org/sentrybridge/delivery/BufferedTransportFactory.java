package org.sentrybridge.delivery;

import io.sentry.ITransportFactory;
import io.sentry.RequestDetails;
import io.sentry.SentryOptions;
import io.sentry.transport.AsyncHttpTransport;
import io.sentry.transport.ITransport;
import io.sentry.transport.RateLimiter;
import java.time.Duration;
import org.sentrybridge.StatusReporter;
import org.sentrybridge.config.BridgeSettings;

/**
 * Makes the SDK send through a {@link BufferedTransport}: envelopes are kept (memory, then {@code
 * bufferDir}) until Sentry accepts them, and delivered by the SDK's own {@link AsyncHttpTransport}
 * with its rate limiter. The SDK's envelope disk cache ({@code cacheDirPath}) is not used for them:
 * each attempt is marked as already cached, so nothing is stored twice.
 */
public final class BufferedTransportFactory implements ITransportFactory {

  private final BridgeSettings settings;
  private final String dsn;
  private final StatusReporter reporter;
  private volatile BufferedTransport current;

  public BufferedTransportFactory(BridgeSettings settings, String dsn, StatusReporter reporter) {
    this.settings = settings;
    this.dsn = dsn;
    this.reporter = reporter;
  }

  @Override
  public ITransport create(SentryOptions options, RequestDetails requestDetails) {
    RateLimiter rateLimiter = new RateLimiter(options);
    SendGate gate = new SendGate(options.getTransportGate(), rateLimiter);
    ITransport http = new AsyncHttpTransport(options, rateLimiter, gate, requestDetails);
    DropCounter drops = new DropCounter(reporter, Duration.ofMinutes(1));
    BufferDirectory directory = BufferDirectory.claim(settings.bufferDirFor(dsn), reporter);
    EnvelopeFiles files = new EnvelopeFiles(directory.path(), options.getSerializer());
    EnvelopeBuffer buffer =
        new EnvelopeBuffer(files, settings.maxBufferedEvents(), settings.maxBufferBytes(), drops);
    LeftOvers leftOvers = LeftOvers.register(buffer, files, directory.orphans());
    // stay below the SDK executor's queue bound, which refuses what is beyond it
    int window = Math.max(1, Math.min(16, options.getMaxQueueSize() - 1));
    BufferSender sender =
        new BufferSender(buffer, leftOvers, http, rateLimiter, gate, window, reporter);
    BufferedTransport transport =
        new BufferedTransport(
            buffer, directory, http, rateLimiter, gate, sender, settings.flushTimeout(), drops);
    current = transport;
    return transport;
  }

  /** Bounds the waits of the coming shutdown (flushes and close) by this deadline. */
  public void closeBy(long deadlineNanos) {
    BufferedTransport transport = current;
    if (transport != null) {
      transport.closeBy(deadlineNanos);
    }
  }

  /** True when the transport holds nothing undelivered. */
  public boolean isDrained() {
    BufferedTransport transport = current;
    return transport == null || transport.isDrained();
  }

  /** Reports envelopes left undelivered at shutdown, kept on disk for the next start. */
  public void reportLeftOver(StatusReporter reporter) {
    BufferedTransport transport = current;
    if (transport == null) {
      return;
    }
    int left = transport.leftOver();
    if (left > 0) {
      int unanswered = transport.inFlightAtClose();
      // an envelope whose request was still unanswered may yet be confirmed: say so, not count it
      reporter.warn(
          left + " events were not delivered and are kept in " + transport.dir()
              + " for the next start"
              + (unanswered > 0
                  ? " (" + unanswered + " of them were being sent when sentry-bridge stopped:"
                      + " those Sentry confirms are not sent again)"
                  : ""));
    }
  }
}
