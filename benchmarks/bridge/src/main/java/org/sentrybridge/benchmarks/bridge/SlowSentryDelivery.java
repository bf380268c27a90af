package org.sentrybridge.benchmarks.bridge;

import io.sentry.Sentry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.sentrybridge.LogEventForwarder;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.StatusReporter;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.LogLevel;
import org.sentrybridge.event.LogRecord;

/**
 * Delivery to a Sentry that answers every request after 100 ms, the round trip to a real ingest:
 * distinct errors (flood control off) delivered per second by sentry-bridge with its default
 * settings and by the SDK's own transport, 1,000 each, in the same run, and how long sentry-bridge
 * takes to drain a backlog of 10,000.
 *
 * <p>Both go through the same sentry-bridge hand-off, so only the transport differs: for the
 * SDK's transport the application initialises Sentry itself ({@code Sentry.init} with the SDK's
 * default {@code AsyncHttpTransport}, its queue raised to hold every event so that none is
 * dropped) and sentry-bridge sends through it. Properties: {@code bench.slow.events} (1000),
 * {@code bench.slow.backlog} (10000), {@code bench.slow.delayMillis} (100), {@code bench.results}
 * (a file the table is appended to).
 */
public final class SlowSentryDelivery {

  private static final int EVENTS = Integer.getInteger("bench.slow.events", 1_000);
  private static final int BACKLOG = Integer.getInteger("bench.slow.backlog", 10_000);
  private static final long DELAY_MILLIS = Long.getLong("bench.slow.delayMillis", 100);
  private static final Duration MAX_WAIT = Duration.ofMinutes(30);
  private static final double TARGET_RATIO = 10;

  private SlowSentryDelivery() {}

  public static void main(String[] args) throws IOException {
    Path buffers = Files.createTempDirectory("slow-sentry");
    StringBuilder out = new StringBuilder();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      receiver.delayAnswers(Duration.ofMillis(DELAY_MILLIS));
      double ours = ourTransport(receiver, buffers.resolve("ours"), EVENTS, "ours");
      double sdk = sdkTransport(receiver, buffers.resolve("sdk"), EVENTS);
      double backlogSeconds =
          BACKLOG / ourTransport(receiver, buffers.resolve("backlog"), BACKLOG, "backlog");
      out.append(
          String.format(
              Locale.ROOT,
              "%nSlow Sentry: every answer after %d ms; distinct errors, flood control off%n"
                  + "%-58s %7s %9s %9s%n"
                  + "%-58s %7d %9.1f %9.1f%n"
                  + "%-58s %7d %9.1f %9.1f%n"
                  + "sentry-bridge / SDK transport = %.1fx (target >= %.0fx: %s)%n"
                  + "backlog of %d distinct errors drained by sentry-bridge in %.1f s%n",
              DELAY_MILLIS,
              "transport",
              "events",
              "seconds",
              "events/s",
              "sentry-bridge, default settings ("
                  + BridgeSettings.DEFAULT_MAX_REQUESTS_IN_FLIGHT
                  + " requests in flight)",
              EVENTS,
              EVENTS / ours,
              ours,
              "SDK AsyncHttpTransport (Sentry.init by the application)",
              EVENTS,
              EVENTS / sdk,
              sdk,
              ours / sdk,
              TARGET_RATIO,
              ours / sdk >= TARGET_RATIO ? "met" : "NOT met",
              BACKLOG,
              backlogSeconds));
    }
    System.out.print(out);
    String file = System.getProperty("bench.results");
    if (file != null) {
      Files.writeString(Path.of(file), out.toString(), StandardCharsets.UTF_8);
    }
  }

  /** Events per second through sentry-bridge's own transport, with its default settings. */
  private static double ourTransport(
      LoopbackSentryReceiver receiver, Path buffer, int count, String label) {
    BridgeSettings settings =
        BridgeSettings.builder()
            .dsn(receiver.dsn())
            .dedupeWindow(Duration.ZERO)
            .bufferDir(buffer)
            .build();
    return measure(receiver, settings, count, label);
  }

  /** Events per second through the SDK's own transport, sentry-bridge's hand-off in front. */
  private static double sdkTransport(LoopbackSentryReceiver receiver, Path buffer, int count) {
    Sentry.init(
        options -> {
          options.setDsn(receiver.dsn());
          options.setMaxQueueSize(count + 100); // keeps every event: measures speed, not drops
          options.setEnableDeduplication(false);
          options.setCacheDirPath(buffer.toString());
        });
    try {
      BridgeSettings settings =
          BridgeSettings.builder().dsn(receiver.dsn()).dedupeWindow(Duration.ZERO).build();
      return measure(receiver, settings, count, "sdk");
    } finally {
      Sentry.close();
    }
  }

  private static double measure(
      LoopbackSentryReceiver receiver, BridgeSettings settings, int count, String label) {
    receiver.clear();
    LogEventForwarder forwarder =
        SentryBridge.forwarder(
            settings, CaptureRules.builder("bench").build(), StatusReporter.stderr());
    try {
      IllegalStateException error = new IllegalStateException("slow sentry");
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        String message = "slow sentry " + label + " #" + i; // distinct: never folded
        forwarder.forward(
            LogRecord.builder(LogLevel.ERROR, "bench.SlowSentry")
                .message(message, message)
                .throwable(error)
                .thread(Thread.currentThread().getName(), Thread.currentThread().getId())
                .build());
      }
      receiver.awaitEvents(count, MAX_WAIT);
      double seconds = (System.nanoTime() - start) / (double) TimeUnit.SECONDS.toNanos(1);
      System.out.printf(
          Locale.ROOT,
          "%s: %d events in %.1f s, at most %d requests in flight%n",
          label,
          count,
          seconds,
          receiver.maxRequestsInFlight());
      return count / seconds;
    } finally {
      forwarder.close();
    }
  }
}
