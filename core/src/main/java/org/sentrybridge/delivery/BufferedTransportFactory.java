package org.sentrybridge.delivery;

import io.sentry.ITransportFactory;
import io.sentry.RequestDetails;
import io.sentry.SentryOptions;
import io.sentry.transport.AsyncHttpTransport;
import io.sentry.transport.ITransport;
import io.sentry.transport.RateLimiter;
import org.sentrybridge.StatusReporter;
import org.sentrybridge.config.BridgeSettings;

/** Creates the transport the SDK sends through. */
public final class BufferedTransportFactory implements ITransportFactory {

  private final BridgeSettings settings;
  private final String dsn;
  private final StatusReporter reporter;

  public BufferedTransportFactory(BridgeSettings settings, String dsn, StatusReporter reporter) {
    this.settings = settings;
    this.dsn = dsn;
    this.reporter = reporter;
  }

  @Override
  public ITransport create(SentryOptions options, RequestDetails requestDetails) {
    return new AsyncHttpTransport(
        options, new RateLimiter(options), options.getTransportGate(), requestDetails);
  }

  /** Reports envelopes left undelivered at shutdown. */
  public void reportLeftOver(StatusReporter reporter) {}
}
