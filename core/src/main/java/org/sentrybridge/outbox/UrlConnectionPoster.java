package org.sentrybridge.outbox;

import io.sentry.RequestDetails;
import io.sentry.SentryOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * Posts envelopes with {@link HttpURLConnection}, as the SDK's own transport does: over plain
 * http, and for what the JDK's HttpClient cannot take (a custom {@code sslSocketFactory}, SOCKS
 * proxies). Each request blocks one of up to {@code maxInFlight} threads; connections are kept
 * alive and reused (HTTP/1.1; the JDK keeps up to {@code http.maxConnections}, 5 by default, idle
 * per host).
 */
final class UrlConnectionPoster implements EnvelopePoster {

  private static final int MAX_ANSWER_BYTES = 64 * 1024;

  private final URL url;
  private final Map<String, String> headers;
  private final Proxy proxy;
  private final Authenticator proxyAuthenticator;
  private final SSLSocketFactory sslSocketFactory;
  private final int connectTimeoutMillis;
  private final int readTimeoutMillis;
  private final ThreadPoolExecutor pool;

  UrlConnectionPoster(
      SentryOptions options, RequestDetails request, ProxySettings proxy, int maxInFlight) {
    this.url = request.getUrl();
    this.headers = request.getHeaders();
    this.proxy = proxy == null ? null : proxy.toProxy();
    this.proxyAuthenticator = proxy == null ? null : proxy.authenticator();
    this.sslSocketFactory = options.getSslSocketFactory();
    this.connectTimeoutMillis = options.getConnectionTimeoutMillis();
    this.readTimeoutMillis = options.getReadTimeoutMillis();
    int threads = Math.max(1, maxInFlight);
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            EnvelopePoster.senderThreads());
    this.pool.allowCoreThreadTimeOut(true);
  }

  @Override
  public CompletableFuture<SentryAnswer> post(byte[] gzippedEnvelope) {
    try {
      return CompletableFuture.supplyAsync(
          () -> {
            try {
              return send(gzippedEnvelope);
            } catch (IOException e) {
              throw new CompletionException(e);
            }
          },
          pool);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private SentryAnswer send(byte[] body) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) (proxy == null ? url.openConnection() : url.openConnection(proxy));
    if (proxyAuthenticator != null) {
      connection.setAuthenticator(proxyAuthenticator);
    }
    if (sslSocketFactory != null && connection instanceof HttpsURLConnection) {
      ((HttpsURLConnection) connection).setSSLSocketFactory(sslSocketFactory);
    }
    connection.setConnectTimeout(connectTimeoutMillis);
    connection.setReadTimeout(readTimeoutMillis);
    connection.setInstanceFollowRedirects(false);
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setFixedLengthStreamingMode(body.length);
    headers.forEach(connection::setRequestProperty);
    connection.setRequestProperty("Content-Encoding", "gzip");
    connection.setRequestProperty("Content-Type", "application/x-sentry-envelope");
    connection.setRequestProperty("Accept", "application/json");
    try (OutputStream out = connection.getOutputStream()) {
      out.write(body);
    }
    int status = connection.getResponseCode();
    byte[] answer = readAnswer(connection, status);
    return new SentryAnswer(
        status,
        connection.getHeaderField("Retry-After"),
        connection.getHeaderField("X-Sentry-Rate-Limits"),
        SentryAnswer.detailOf(answer));
  }

  /** Reads the (small) answer to its end, which lets the connection be reused. */
  private static byte[] readAnswer(HttpURLConnection connection, int status) {
    try (InputStream in =
        status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
      return in == null ? new byte[0] : in.readNBytes(MAX_ANSWER_BYTES);
    } catch (IOException | UncheckedIOException e) {
      return new byte[0];
    }
  }

  @Override
  public void close() {
    pool.shutdown();
  }
}
