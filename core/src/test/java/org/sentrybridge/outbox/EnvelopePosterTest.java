package org.sentrybridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentry.JsonSerializer;
import io.sentry.RequestDetails;
import io.sentry.RequestDetailsResolver;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.RecordingStatusReporter;

/**
 * Both ways of posting, at the real loopback receiver (HTTP/1.1 on plain sockets): the JDK's
 * HttpClient (used over https) and HttpURLConnection (used over http, and for custom SSL socket
 * factories and SOCKS proxies).
 */
class EnvelopePosterTest {

  private static final long WAIT_SECONDS = 20;

  @ParameterizedTest
  @ValueSource(strings = {"HttpClient", "HttpURLConnection"})
  void concurrentRequestsReuseTheirConnectionsAndCarryTheSdksHeaders(String kind) throws Exception {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      receiver.delayAnswers(Duration.ofMillis(200));
      SentryOptions options = options(receiver.dsn());
      EnvelopePoster poster = poster(kind, options);
      try {
        for (int round = 0; round < 3; round++) {
          List<CompletableFuture<SentryAnswer>> answers = new ArrayList<>();
          for (int i = 0; i < 4; i++) {
            answers.add(poster.post(envelope(options, "round " + round + " #" + i)));
          }
          for (CompletableFuture<SentryAnswer> answer : answers) {
            assertThat(answer.get(WAIT_SECONDS, TimeUnit.SECONDS).status()).isEqualTo(200);
          }
        }
      } finally {
        poster.close();
      }

      assertThat(receiver.events()).hasSize(12);
      assertThat(receiver.maxRequestsInFlight()).isEqualTo(4);
      assertThat(receiver.connectionCount()).as("connections reused").isLessThanOrEqualTo(4);
      for (Map<String, String> headers : receiver.requestHeaders()) {
        assertThat(headers.get("x-sentry-auth")).contains("sentry_key=loopbackkey");
        assertThat(headers.get("user-agent")).startsWith("sentry.java");
        assertThat(headers.get("content-encoding")).isEqualTo("gzip");
        assertThat(headers).as("no h2c upgrade over plain http").doesNotContainKey("upgrade");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"HttpClient", "HttpURLConnection"})
  void answersCarryTheStatusTheRateLimitHeadersAndSentrysDetail(String kind) throws Exception {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      SentryOptions options = options(receiver.dsn());
      EnvelopePoster poster = poster(kind, options);
      try {
        receiver.rejectBodiesOver(10, 413);
        SentryAnswer tooLarge = answer(poster, envelope(options, "x"));
        receiver.rejectBodiesOver(Long.MAX_VALUE, 413);
        receiver.rateLimitFor(Duration.ofSeconds(2), "error");
        SentryAnswer limited = answer(poster, envelope(options, "y"));

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.accepted()).isFalse();
        assertThat(tooLarge.describe()).isEqualTo("HTTP 413 (envelope exceeded size limits)");
        assertThat(limited.rateLimited()).isTrue();
        assertThat(limited.retryAfter()).isEqualTo("2");
        assertThat(limited.rateLimits()).isEqualTo("2:error:organization");
      } finally {
        poster.close();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"HttpClient", "HttpURLConnection"})
  void aRefusedConnectionFailsWithAnIoException(String kind) throws Exception {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      receiver.goDown();
      SentryOptions options = options(receiver.dsn());
      EnvelopePoster poster = poster(kind, options);
      try {
        CompletableFuture<SentryAnswer> answer = poster.post(envelope(options, "z"));
        assertThatThrownBy(() -> answer.get(WAIT_SECONDS, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause()
            .isInstanceOf(IOException.class)
            .isInstanceOf(ConnectException.class);
      } finally {
        poster.close();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"HttpClient", "HttpURLConnection"})
  void theSdksProxyOptionIsHonoured(String kind) throws Exception {
    try (LoopbackSentryReceiver proxy = LoopbackSentryReceiver.start()) {
      // nothing listens on port 1: only a request through the proxy can be answered
      String unreachable = "http://loopbackkey@127.0.0.1:1/1";
      SentryOptions options = options(unreachable);
      options.setProxy(new SentryOptions.Proxy("127.0.0.1", String.valueOf(proxy.port())));
      EnvelopePoster poster = poster(kind, options);
      try {
        assertThat(answer(poster, envelope(options, "via proxy")).accepted()).isTrue();
      } finally {
        poster.close();
      }
      assertThat(proxy.events()).hasSize(1);
      assertThat(proxy.requestTargets()).containsExactly("http://127.0.0.1:1/api/1/envelope/");
    }
  }

  @Test
  void httpClientOverHttpsUnlessASocketFactoryOrASocksProxyIsSet() {
    String https = "https://key@o1.ingest.sentry.io/42";
    assertThat(choice(options(https))).isInstanceOf(JdkHttpPoster.class);
    assertThat(choice(options("http://key@127.0.0.1:9/42")))
        .isInstanceOf(UrlConnectionPoster.class);

    SentryOptions withFactory = options(https);
    withFactory.setSslSocketFactory((SSLSocketFactory) SSLSocketFactory.getDefault());
    assertThat(choice(withFactory)).isInstanceOf(UrlConnectionPoster.class);

    SentryOptions withSocks = options(https);
    withSocks.setProxy(new SentryOptions.Proxy("127.0.0.1", "1080", Proxy.Type.SOCKS));
    assertThat(choice(withSocks)).isInstanceOf(UrlConnectionPoster.class);

    SentryOptions withHttpProxy = options(https);
    withHttpProxy.setProxy(new SentryOptions.Proxy("127.0.0.1", "3128"));
    assertThat(choice(withHttpProxy)).isInstanceOf(JdkHttpPoster.class);
  }

  private static EnvelopePoster choice(SentryOptions options) {
    EnvelopePoster poster =
        EnvelopePoster.create(
            options,
            new RequestDetailsResolver(options).resolve(),
            2,
            new RecordingStatusReporter());
    poster.close();
    return poster;
  }

  private static EnvelopePoster poster(String kind, SentryOptions options) {
    RequestDetails request = new RequestDetailsResolver(options).resolve();
    ProxySettings proxy = ProxySettings.of(options, new RecordingStatusReporter());
    return kind.equals("HttpClient")
        ? new JdkHttpPoster(options, request, proxy)
        : new UrlConnectionPoster(options, request, proxy, 4);
  }

  private static SentryAnswer answer(EnvelopePoster poster, byte[] envelope) throws Exception {
    return poster.post(envelope).get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private static SentryOptions options(String dsn) {
    SentryOptions options = new SentryOptions();
    options.setDsn(dsn);
    return options;
  }

  private static byte[] envelope(SentryOptions options, String text) throws Exception {
    JsonSerializer serializer = new JsonSerializer(options);
    SentryEvent event = new SentryEvent(new IllegalStateException(text));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      serializer.serialize(SentryEnvelope.from(serializer, event, null), gzip);
    }
    return bytes.toByteArray();
  }
}
