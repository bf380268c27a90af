package org.sentrybridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.ISpan;
import io.sentry.SentryLogEvent;
import io.sentry.SentryLogEventAttributeValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.devserver.LoopbackSentryReceiver;

/**
 * Waits and assertions on the Sentry Logs entries the loopback receiver got, the same for every
 * appender: the tests only differ in how they log the lines.
 */
public final class SentryLogs {

  /** The warning an appender reports when log entries were dropped or rejected, with the count. */
  private static final Pattern DROPPED =
      Pattern.compile("\\b(\\d+) log entr(?:y|ies) (?:dropped|rejected by Sentry): ");

  private SentryLogs() {}

  /**
   * Flushes until an entry matching {@code filter} arrived: behind an asynchronous appender or
   * logger the line may reach the appender only after a first flush.
   */
  public static SentryLogEvent flushUntilLogged(
      LoopbackSentryReceiver receiver, Duration wait, Predicate<SentryLogEvent> filter) {
    Poll.until(
        "a matching log entry at the receiver",
        wait,
        () -> {
          SentryBridge.service().flush(Duration.ofMillis(200));
          return !receiver.logs(filter).isEmpty();
        });
    return receiver.logs(filter).get(0);
  }

  /** Flushes until at least {@code count} entries arrived, then returns them. */
  public static List<SentryLogEvent> flushUntilCount(
      LoopbackSentryReceiver receiver, Duration wait, int count) {
    Poll.until(
        count + " log entries at the receiver",
        wait,
        () -> {
          SentryBridge.service().flush(Duration.ofMillis(200));
          return receiver.logCount() >= count;
        });
    return receiver.logs();
  }

  /** The entry's attributes as plain values, sorted by name. */
  public static Map<String, Object> attributes(SentryLogEvent entry) {
    Map<String, Object> values = new TreeMap<>();
    for (Map.Entry<String, SentryLogEventAttributeValue> attribute :
        entry.getAttributes().entrySet()) {
      values.put(attribute.getKey(), attribute.getValue().getValue());
    }
    return values;
  }

  /** The sum of the counts in the "log entries dropped or rejected" warnings given. */
  public static long droppedCount(Iterable<String> warnings) {
    long dropped = 0;
    for (String warning : warnings) {
      Matcher counted = DROPPED.matcher(warning);
      if (counted.find()) {
        dropped += Long.parseLong(counted.group(1));
      }
    }
    return dropped;
  }

  /** Asserts that {@code entry} carries the trace and span of {@code span}. */
  public static void assertLinkedTo(SentryLogEvent entry, ISpan span) {
    assertThat(entry.getTraceId()).isEqualTo(span.getSpanContext().getTraceId());
    assertThat(entry.getSpanId()).isEqualTo(span.getSpanContext().getSpanId());
  }

  /** Asserts that {@code entry}'s timestamp lies between {@code before} and {@code after}. */
  public static void assertLoggedBetween(SentryLogEvent entry, Instant before, Instant after) {
    assertThat(entry.getTimestamp())
        .isBetween(epochSeconds(before) - 0.001, epochSeconds(after));
  }

  /**
   * Asserts that the attribute {@code name} is sent as an integer of {@code value} (a number keeps
   * its type, as with the official appenders).
   */
  public static void assertIntegerAttribute(SentryLogEvent entry, String name, long value) {
    assertThat(entry.getAttributes().get(name).getType()).isEqualTo("integer");
    assertThat(((Number) attributes(entry).get(name)).longValue()).isEqualTo(value);
  }

  private static double epochSeconds(Instant instant) {
    return instant.getEpochSecond() + instant.getNano() / 1_000_000_000.0;
  }
}
