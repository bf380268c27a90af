package org.sentrybridge.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.sentrybridge.devserver.LoopbackSentryReceiver;

/**
 * The delivery benchmark: a burst of distinct errors logged as fast as one thread can, then how
 * many the loopback receiver got and when the last one arrived.
 *
 * <p>Each error has its own message template, so no flood control may merge them: every one of
 * them is expected in Sentry.
 */
public final class DeliveryBurst {

  /** Errors in one burst. */
  public static final int ERRORS = Integer.getInteger("bench.burst", 10_000);

  /** Logs one error: {@code template} is distinct for each call. */
  @FunctionalInterface
  public interface ErrorLogger {
    void logError(String template, Throwable error);
  }

  /** Measured figures of one burst. */
  public record Result(
      String backend,
      String setup,
      int sent,
      int received,
      long callerMillis,
      long lastArrivalMillis) {

    String csv() {
      return String.format(
          Locale.ROOT, "%s,%s,%d,%d,%d,%d", backend, setup, sent, received, callerMillis,
          lastArrivalMillis);
    }
  }

  /** No arrival for this long means nothing more is coming. */
  private static final long QUIET_NANOS =
      TimeUnit.SECONDS.toNanos(Long.getLong("bench.quietSeconds", 5));

  private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(180);

  private DeliveryBurst() {}

  /**
   * Runs the burst against {@code receiver}, to which the logging configuration must already
   * point; prints the result and appends it to the file named by {@code -Dbench.results}.
   */
  public static Result run(
      String backend, String setup, LoopbackSentryReceiver receiver, ErrorLogger logger)
      throws InterruptedException {
    AtomicInteger received = new AtomicInteger();
    AtomicLong lastArrival = new AtomicLong();
    receiver.onEvent(
        event -> {
          if (event.getMessage() != null
              && event.getMessage().getFormatted() != null
              && event.getMessage().getFormatted().startsWith("burst error ")) {
            lastArrival.set(System.nanoTime());
            received.incrementAndGet();
          }
        });
    Throwable[] errors = new Throwable[ERRORS];
    for (int i = 0; i < ERRORS; i++) {
      errors[i] = new IllegalStateException("failure #" + i);
    }
    long start = System.nanoTime();
    for (int i = 0; i < ERRORS; i++) {
      logger.logError("burst error " + i, errors[i]);
    }
    long callerDone = System.nanoTime();
    waitUntilQuiet(received, lastArrival, callerDone);
    Result result =
        new Result(
            backend,
            setup,
            ERRORS,
            received.get(),
            TimeUnit.NANOSECONDS.toMillis(callerDone - start),
            received.get() == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(lastArrival.get() - start));
    System.out.println("delivery " + result.csv());
    String file = System.getProperty("bench.results");
    if (file != null) {
      append(Path.of(file), result.csv());
    }
    return result;
  }

  private static void waitUntilQuiet(AtomicInteger received, AtomicLong lastArrival, long since)
      throws InterruptedException {
    long deadline = since + MAX_WAIT_NANOS;
    while (received.get() < ERRORS && System.nanoTime() < deadline) {
      long last = Math.max(lastArrival.get(), since);
      if (System.nanoTime() - last > QUIET_NANOS) {
        return;
      }
      // a measuring loop, not a test: polling the counter keeps the receiver threads undisturbed
      Thread.sleep(20);
    }
  }

  /** Appends {@code line} to the results {@code file}, creating it and its folder if needed. */
  static void append(Path file, String line) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(
          file,
          line + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
