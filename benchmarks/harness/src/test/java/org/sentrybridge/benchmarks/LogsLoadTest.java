package org.sentrybridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogsLoadTest {

  private static final List<String> WARNINGS =
      List.of(
          "1200 log entries dropped: the logs queue was full",
          "sentry-bridge started",
          "300 log entries dropped: too many log envelopes waiting for Sentry",
          "1 log entry dropped: could not be turned into Sentry logs (last: boom)",
          "2 log entries dropped: could not be turned into Sentry logs (last: bang)",
          "50 log entries rejected by Sentry: HTTP 413 (envelope exceeded size limits)",
          "800 log entries dropped: the logs queue was full");

  @Test
  void theDropWarningsAreSummedPerReasonWithoutTheirDetail() {
    assertThat(LogsLoad.dropReasons(WARNINGS))
        .isEqualTo(
            Map.of(
                "the logs queue was full", 2000L,
                "too many log envelopes waiting for Sentry", 300L,
                "could not be turned into Sentry logs", 3L,
                "HTTP 413", 50L));
  }

  @Test
  void theDroppedCountIsTheSumOfEveryReason() {
    assertThat(LogsLoad.droppedCount(WARNINGS)).isEqualTo(2000 + 300 + 3 + 50);
  }
}
