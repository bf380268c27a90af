package org.sentrybridge.outbox;

import io.sentry.RequestDetails;
import io.sentry.SentryOptions;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Posts envelopes with the JDK's {@link HttpClient}: asynchronous, so many requests may await
 * their answers without a thread each; connections are kept and reused. Over https it offers
 * HTTP/2 (one connection carries every request); over plain http it speaks HTTP/1.1 and makes no
 * h2c upgrade attempt.
 */
final class JdkHttpPoster implements EnvelopePoster {


  private final HttpClient client;
  private final ExecutorService executor;
  private final URI uri;
  private final Map<String, String> headers;
  private final Duration timeout;

  JdkHttpPoster(SentryOptions options, RequestDetails request, ProxySettings proxy) {
    try {
      this.uri = request.getUrl().toURI();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid Sentry URL: " + e.getMessage(), e);
    }
    this.headers = request.getHeaders();
    this.executor =
        Executors.newCachedThreadPool(
            EnvelopePoster.senderThreads());
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(
                "https".equalsIgnoreCase(uri.getScheme())
                    ? HttpClient.Version.HTTP_2
                    : HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor);
    if (options.getConnectionTimeoutMillis() > 0) {
      builder.connectTimeout(Duration.ofMillis(options.getConnectionTimeoutMillis()));
    }
    if (proxy != null) {
      builder.proxy(ProxySelector.of(proxy.address()));
      if (proxy.authenticator() != null) {
        builder.authenticator(proxy.authenticator());
      }
    }
    this.client = builder.build();
    // the SDK's read timeout bounds each read of the answer; here it bounds waiting for the answer
    long millis = (long) options.getConnectionTimeoutMillis() + options.getReadTimeoutMillis();
    this.timeout = options.getReadTimeoutMillis() > 0 ? Duration.ofMillis(millis) : null;
  }

  @Override
  public CompletableFuture<SentryAnswer> post(byte[] gzippedEnvelope) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .POST(HttpRequest.BodyPublishers.ofByteArray(gzippedEnvelope))
              .header("Content-Encoding", "gzip")
              .header("Content-Type", "application/x-sentry-envelope")
              .header("Accept", "application/json");
      headers.forEach(request::header);
      if (timeout != null) {
        request.timeout(timeout);
      }
      return client
          .sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
          .thenApply(
              response ->
                  new SentryAnswer(
                      response.statusCode(),
                      response.headers().firstValue("Retry-After").orElse(null),
                      response.headers().firstValue("X-Sentry-Rate-Limits").orElse(null),
                      SentryAnswer.detailOf(response.body())));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public void close() {
    executor.shutdown();
  }
}
