package org.sentrybridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sentrybridge.testing.RecordingStatusReporter;

class DropCounterTest {

  @Test
  void eachKindOfDropIsReportedWithItsOwnCount() {
    RecordingStatusReporter status = new RecordingStatusReporter();
    DropCounter drops = new DropCounter(status, Duration.ofMinutes(1));

    drops.add(1, "queue full"); // the first drop is reported at once, then once a minute
    drops.add(3, "queue full");
    drops.add(1, "could not be turned into Sentry events (last: java.lang.IllegalStateException: a)");
    drops.add(1, "could not be turned into Sentry events (last: java.lang.IllegalStateException: b)");
    drops.addRejected(2, "HTTP 413 (envelope exceeded size limits)");
    drops.addRejected(1, "HTTP 500");
    drops.reportNow();

    assertThat(status.lines("WARN"))
        .containsExactlyInAnyOrder(
            "1 event dropped: queue full",
            "3 events dropped: queue full",
            "2 events dropped: could not be turned into Sentry events"
                + " (last: java.lang.IllegalStateException: b)",
            "2 events rejected by Sentry: HTTP 413 (envelope exceeded size limits)",
            "1 event rejected by Sentry: HTTP 500");
    assertThat(drops.total()).isEqualTo(9);
  }
}
