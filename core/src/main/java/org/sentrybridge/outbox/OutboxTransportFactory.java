package org.sentrybridge.outbox;

import io.sentry.EventProcessor;
import io.sentry.ITransportFactory;
import io.sentry.RequestDetails;
import io.sentry.SentryOptions;
import io.sentry.transport.ITransport;
import io.sentry.transport.RateLimiter;
import java.nio.file.Path;
import java.time.Duration;
import org.sentrybridge.StatusReporter;
import org.sentrybridge.delivery.Counts;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.delivery.DropCounter;
import org.sentrybridge.sdk.SdkInternals;

/**
 * Makes the SDK send through an {@link OutboxTransport}: envelopes are kept (memory, then {@code
 * bufferDir}) until Sentry answered, and sent {@code maxRequestsInFlight} at a time by the {@link
 * Dispatcher}, with the SDK's serializer, rate limiter and client-report recorder. The SDK's own
 * envelope disk cache ({@code cacheDirPath}) is not used for them.
 */
public final class OutboxTransportFactory implements ITransportFactory {

  private final BridgeSettings settings;
  private final String dsn;
  private final StatusReporter reporter;
  private volatile OutboxTransport current;

  public OutboxTransportFactory(BridgeSettings settings, String dsn, StatusReporter reporter) {
    this.settings = settings;
    this.dsn = dsn;
    this.reporter = reporter;
  }

  @Override
  public ITransport create(SentryOptions options, RequestDetails requestDetails) {
    addTrimmer(options);
    RateLimiter rateLimiter = SdkInternals.rateLimiter(options);
    DropCounter drops = new DropCounter(reporter, Duration.ofMinutes(1));
    Path dir = settings.bufferDirFor(dsn);
    Path privateRoot = settings.bufferDir() == null ? BridgeSettings.defaultBufferRoot() : null;
    BufferDirectory directory = BufferDirectory.claim(dir, privateRoot, reporter);
    EnvelopeFiles files = new EnvelopeFiles(directory.path(), options.getSerializer());
    EnvelopeBuffer buffer =
        new EnvelopeBuffer(
            files,
            settings.maxBufferedEvents(),
            settings.maxBufferBytes(),
            drops,
            options.getClientReportRecorder());
    LeftOvers leftOvers = LeftOvers.register(buffer, files, directory.orphans());
    int maxInFlight = settings.maxRequestsInFlight();
    EnvelopePoster poster = EnvelopePoster.create(options, requestDetails, maxInFlight, reporter);
    Runnable housekeeping =
        privateRoot == null ? null : () -> OtherDsnBuffers.tidy(privateRoot, dir, reporter);
    Dispatcher dispatcher =
        new Dispatcher(
            buffer,
            leftOvers,
            poster,
            rateLimiter,
            options,
            drops,
            reporter,
            maxInFlight,
            housekeeping);
    OutboxTransport transport =
        new OutboxTransport(
            buffer, directory, dispatcher, poster, rateLimiter, settings.flushTimeout(), drops);
    current = transport;
    return transport;
  }

  /** Field limits for every event, after the SDK's own processors have built it. */
  private static void addTrimmer(SentryOptions options) {
    for (EventProcessor processor : options.getEventProcessors()) {
      if (processor instanceof EventTrimmer) {
        return;
      }
    }
    options.addEventProcessor(new EventTrimmer(options.getMaxBreadcrumbs()));
  }

  /** Bounds the waits of the coming shutdown (flushes and close) by this deadline. */
  public void closeBy(long deadlineNanos) {
    OutboxTransport transport = current;
    if (transport != null) {
      transport.closeBy(deadlineNanos);
    }
  }

  /**
   * Read-only statistics of the current transport: envelopes buffered, delivered, dropped per
   * kind, and whether Sentry is reachable (no rate limit, no back-off).
   *
   * @return the figures; zeros before the SDK made the transport
   */
  public TransportStats stats() {
    OutboxTransport transport = current;
    return transport == null
        ? new TransportStats(0, 0, java.util.Map.of(), true)
        : new TransportStats(
            transport.buffered(), transport.delivered(), transport.dropped(), transport.isHealthy());
  }

  /**
   * Figures of the transport.
   *
   * @param buffered envelopes held, not yet delivered
   * @param delivered envelopes Sentry accepted
   * @param dropped envelopes dropped, per kind
   * @param healthy false while rate-limited or backing off after network failures
   */
  public record TransportStats(
      int buffered, long delivered, java.util.Map<String, Long> dropped, boolean healthy) {}

  /**
   * True while the current transport's log lane cannot take another log envelope without
   * dropping one; the logs pipeline then holds entries in its queue instead of building them.
   *
   * @return false before the SDK made the transport
   */
  public boolean logLaneFull() {
    OutboxTransport transport = current;
    return transport != null && transport.logLaneFull();
  }

  /** True when the transport holds nothing undelivered. */
  public boolean isDrained() {
    OutboxTransport transport = current;
    return transport == null || transport.isDrained();
  }

  /** Reports envelopes left undelivered at shutdown, kept on disk for the next start. */
  public void reportLeftOver(StatusReporter reporter) {
    OutboxTransport transport = current;
    if (transport == null) {
      return;
    }
    int left = transport.leftOver();
    if (left > 0) {
      reporter.warn(
          Counts.of(left, "event was", "events were") + " not delivered and "
              + (left == 1 ? "is" : "are") + " kept in " + transport.dir() + " for the next start"
              + unansweredNote(transport.inFlightAtClose()));
    }
  }

  /** An envelope whose request was still unanswered may yet be confirmed: say so, not count it. */
  private static String unansweredNote(int unanswered) {
    if (unanswered <= 0) {
      return "";
    }
    return " (" + unanswered + " of them " + (unanswered == 1 ? "was" : "were")
        + " being sent when sentry-bridge stopped: those Sentry confirms are not sent again)";
  }
}
