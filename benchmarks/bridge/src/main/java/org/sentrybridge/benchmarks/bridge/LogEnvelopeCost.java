package org.sentrybridge.benchmarks.bridge;

import io.sentry.ISerializer;
import io.sentry.JsonSerializer;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEnvelopeHeader;
import io.sentry.SentryEnvelopeItem;
import io.sentry.SentryLogEvent;
import io.sentry.SentryLogEvents;
import io.sentry.SentryOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.outbox.OneWriteSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the send side of Sentry Logs spends its time, per envelope of 1,000 entries, measured in
 * one run on one thread: serializing (with the serializer sentry-bridge gives the SDK, {@link
 * OneWriteSerializer}, and for comparison with the SDK's own {@code JsonSerializer} alone, the two
 * taking turns), compressing (gzip, fastest level, as the outbox does) and posting to the loopback
 * receiver (request, the receiver's parsing, the answer). The entries are real ones: {@code
 * log.info("order {} paid", id)} through the sentry-bridge Logback appender, as the receiver got
 * them. Prints the median milliseconds per envelope of each step, each step's share, the ratio of
 * the two serializers and bytes per entry before and after compression.
 *
 * <pre>java -cp ... org.sentrybridge.benchmarks.bridge.LogEnvelopeCost [iterations]</pre>
 */
public final class LogEnvelopeCost {

  private static final int ENTRIES = 1000;

  private LogEnvelopeCost() {}

  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      System.setProperty("bench.dsn", receiver.dsn());
      System.setProperty("logback.configurationFile", "logback-bridge-logs.xml");
      Logger log = LoggerFactory.getLogger("bench.Checkout");
      Integer orderId = 42;
      for (int i = 0; i < ENTRIES; i++) {
        log.info("order {} paid", orderId);
      }
      SentryBridge.find().ifPresent(service -> service.flush(Duration.ofSeconds(30)));
      List<SentryLogEvent> entries = receiver.logs();
      if (entries.size() < ENTRIES) {
        throw new IllegalStateException("only " + entries.size() + " entries arrived");
      }
      entries = entries.subList(0, ENTRIES);
      receiver.countLogsOnly();

      SentryOptions options = new SentryOptions();
      ISerializer sdk = new JsonSerializer(options);
      ISerializer bridge = new OneWriteSerializer(new JsonSerializer(options));
      URI url = URI.create("http://127.0.0.1:" + receiver.port() + "/api/1/envelope/");
      long[] sdkSerialize = new long[iterations];
      long[] serialize = new long[iterations];
      long[] gzip = new long[iterations];
      long[] post = new long[iterations];
      int rawBytes = 0;
      int gzipBytes = 0;
      int warmUp = Math.max(20, iterations / 4);
      for (int i = 0; i < warmUp + iterations; i++) {
        // the two serializers take turns going first
        long sdkNanos = 0;
        if (i % 2 == 0) {
          sdkNanos = timed(sdk, options, entries);
        }
        long t0 = System.nanoTime();
        byte[] raw = serialized(bridge, options, entries);
        long t1 = System.nanoTime();
        if (i % 2 != 0) {
          sdkNanos = timed(sdk, options, entries);
        }
        long t2 = System.nanoTime();
        byte[] compressed = gzipped(raw);
        long t3 = System.nanoTime();
        int status = post(url, compressed);
        long t4 = System.nanoTime();
        if (status / 100 != 2) {
          throw new IllegalStateException("the receiver answered " + status);
        }
        if (i >= warmUp) {
          int k = i - warmUp;
          sdkSerialize[k] = sdkNanos;
          serialize[k] = t1 - t0;
          gzip[k] = t3 - t2;
          post[k] = t4 - t3;
          rawBytes = raw.length;
          gzipBytes = compressed.length;
        }
      }
      double serializeMs = median(serialize) / 1e6;
      double gzipMs = median(gzip) / 1e6;
      double postMs = median(post) / 1e6;
      double total = serializeMs + gzipMs + postMs;
      System.out.printf(
          Locale.ROOT,
          "log envelope of %d entries (%d iterations, medians): serialize-ms=%.2f (%.0f%%)"
              + " gzip-ms=%.2f (%.0f%%) http-and-receiver-ms=%.2f (%.0f%%) bytes-per-entry=%d"
              + " gzipped-bytes-per-entry=%d%n"
              + "serialize-ms with the SDK's JsonSerializer alone=%.2f, sentry-bridge's / SDK's"
              + " alone=%.2f%n",
          ENTRIES,
          iterations,
          serializeMs,
          100.0 * serializeMs / total,
          gzipMs,
          100.0 * gzipMs / total,
          postMs,
          100.0 * postMs / total,
          rawBytes / ENTRIES,
          gzipBytes / ENTRIES,
          median(sdkSerialize) / 1e6,
          serializeMs / (median(sdkSerialize) / 1e6));
      ((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }
  }

  private static long timed(
      ISerializer serializer, SentryOptions options, List<SentryLogEvent> entries)
      throws Exception {
    long start = System.nanoTime();
    serialized(serializer, options, entries);
    return System.nanoTime() - start;
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  private static byte[] serialized(
      ISerializer serializer, SentryOptions options, List<SentryLogEvent> entries)
      throws Exception {
    SentryEnvelopeItem item = SentryEnvelopeItem.fromLogs(serializer, new SentryLogEvents(entries));
    SentryEnvelope envelope =
        new SentryEnvelope(new SentryEnvelopeHeader(null, options.getSdkVersion()), List.of(item));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
    serializer.serialize(envelope, bytes);
    return bytes.toByteArray();
  }

  private static byte[] gzipped(byte[] raw) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length / 4);
    try (GZIPOutputStream out =
        new GZIPOutputStream(bytes, 8192) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        }) {
      out.write(raw);
    }
    return bytes.toByteArray();
  }

  private static int post(URI url, byte[] body) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setRequestProperty("Content-Type", "application/x-sentry-envelope");
    connection.setRequestProperty("Content-Encoding", "gzip");
    connection.setRequestProperty(
        "X-Sentry-Auth", "Sentry sentry_version=7,sentry_key=loopbackkey,sentry_client=bench");
    connection.setFixedLengthStreamingMode(body.length);
    try (OutputStream out = connection.getOutputStream()) {
      out.write(body);
    }
    int status = connection.getResponseCode();
    connection.getInputStream().readAllBytes();
    return status;
  }
}
