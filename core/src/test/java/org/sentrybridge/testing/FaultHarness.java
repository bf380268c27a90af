package org.sentrybridge.testing;

import io.sentry.SentryEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sentrybridge.LogEventForwarder;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.LogLevel;
import org.sentrybridge.event.LogRecord;

/** What the fault tests share: starting the bridge on the public path and reading the results. */
public final class FaultHarness {

  public static final String LOGGER = "com.example.orders.OrderService";
  public static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(60);

  private FaultHarness() {}

  /** Settings for a test: its own buffer directory and a short flush timeout. */
  public static BridgeSettings.Builder settings(LoopbackSentryReceiver receiver, Path bufferDir) {
    return BridgeSettings.builder()
        .dsn(receiver.dsn())
        .bufferDir(bufferDir)
        .flushTimeout(Duration.ofSeconds(1));
  }

  /** Starts the bridge the way an appender does. */
  public static LogEventForwarder forwarder(BridgeSettings settings, RecordingStatusReporter status) {
    return forwarder(settings, CaptureRules.builder("test").build(), status);
  }

  /** Starts the bridge the way an appender with these rules does. */
  public static LogEventForwarder forwarder(
      BridgeSettings settings, CaptureRules rules, RecordingStatusReporter status) {
    return SentryBridge.forwarder(settings, rules, status);
  }

  /** An error whose message template is its own: flood control never folds two of them. */
  public static LogRecord distinctError(String message) {
    return LogRecord.builder(LogLevel.ERROR, LOGGER)
        .message(message, message)
        .throwable(new IllegalStateException("order failed"))
        .thread(Thread.currentThread().getName(), Thread.currentThread().getId())
        .build();
  }

  /** How many times each message arrived. */
  public static Map<String, Integer> arrivals(LoopbackSentryReceiver receiver) {
    Map<String, Integer> counts = new HashMap<>();
    for (SentryEvent event : receiver.events()) {
      counts.merge(messageOf(event), 1, Integer::sum);
    }
    return counts;
  }

  public static String messageOf(SentryEvent event) {
    return event.getMessage() == null ? null : event.getMessage().getFormatted();
  }

  public static List<String> messages(String prefix, int count) {
    List<String> messages = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      messages.add(prefix + " #" + i);
    }
    return messages;
  }

  /** The single-envelope files of a buffer directory, oldest first. */
  public static List<Path> envelopeFiles(Path dir) throws IOException {
    return files(dir, ".envelope");
  }

  /** The batch files (what was in memory at a stop) of a buffer directory. */
  public static List<Path> batchFiles(Path dir) throws IOException {
    return files(dir, ".batch");
  }

  /** Every file the buffer keeps. */
  public static List<Path> bufferedFiles(Path dir) throws IOException {
    List<Path> all = new ArrayList<>(envelopeFiles(dir));
    all.addAll(batchFiles(dir));
    return all;
  }

  private static List<Path> files(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(suffix))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  /** The event counts duplicates as: arrivals beyond the first of each message. */
  public static int duplicates(Map<String, Integer> arrivals) {
    return arrivals.values().stream().mapToInt(n -> n - 1).sum();
  }

  /** One line of figures in the test output, for the record. */
  public static void figures(String test, String figures) {
    System.out.println("[fault-suite] " + test + ": " + figures);
  }
}
