package org.sentrybridge.outbox;

import io.sentry.RequestDetails;
import io.sentry.SentryOptions;
import java.net.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.sentrybridge.StatusReporter;

/**
 * Posts compressed envelopes to Sentry's envelope endpoint, several at a time, honouring the SDK's
 * transport options: proxy (host, port, type, user, password), connection and read timeouts, SSL
 * socket factory, and the SDK's request headers (authentication, user agent).
 */
interface EnvelopePoster {

  /**
   * Daemon threads named {@code sentry-bridge-http-N}, numbered across every poster of the process:
   * what is logged on them is recognised as Sentry's own and never sent back.
   */
  static ThreadFactory senderThreads() {
    return r -> {
      Thread thread = new Thread(r, "sentry-bridge-http-" + SenderThreads.COUNT.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** The process-wide thread count behind {@link #senderThreads()}. */
  final class SenderThreads {
    static final AtomicInteger COUNT = new AtomicInteger();

    private SenderThreads() {}
  }

  /**
   * Posts one gzip-compressed envelope. Never throws: the result completes with Sentry's answer,
   * or exceptionally with the {@link java.io.IOException} of a network failure.
   */
  CompletableFuture<SentryAnswer> post(byte[] gzippedEnvelope);

  /**
   * Lets go of the threads once no answer is awaited any more; without it they end after a minute
   * of idleness.
   */
  void close();

  /**
   * Over https, the JDK's {@link java.net.http.HttpClient}: asynchronous, one connection carries
   * every request where Sentry speaks HTTP/2 (ALPN), reused connections otherwise. Over plain
   * http there is no HTTP/2 to gain (no h2c upgrade is attempted), and {@link
   * java.net.HttpURLConnection} with keep-alive costs about half the CPU per request, measured on
   * loopback: that is used, on up to {@code maxInFlight} threads. It is used over https as well
   * when the SDK options need it: a custom {@code sslSocketFactory} (HttpClient takes an {@code
   * SSLContext}, not a socket factory) or a SOCKS proxy (HttpClient has none).
   */
  static EnvelopePoster create(
      SentryOptions options, RequestDetails request, int maxInFlight, StatusReporter reporter) {
    ProxySettings proxy = ProxySettings.of(options, reporter);
    boolean httpClient =
        "https".equalsIgnoreCase(request.getUrl().getProtocol())
            && options.getSslSocketFactory() == null
            && (proxy == null || proxy.type() == Proxy.Type.HTTP);
    return httpClient
        ? new JdkHttpPoster(options, request, proxy)
        : new UrlConnectionPoster(options, request, proxy, maxInFlight);
  }
}
