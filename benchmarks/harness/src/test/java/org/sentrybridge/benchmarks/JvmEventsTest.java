package org.sentrybridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JvmEventsTest {

  @Test
  void aFullGcIsSeenAsAPauseInsideASafepointOnTheNanoTimeLine() throws Exception {
    long before = System.nanoTime();
    JvmEvents events = JvmEvents.start(false);
    System.gc(); // a stop-the-world collection, at a safepoint
    events.stop();
    long after = System.nanoTime();

    JvmEvents.Recorded recorded = events.read();

    assertThat(recorded.gcPauses()).isNotEmpty();
    assertThat(recorded.safepoints()).isNotEmpty();
    assertThat(recorded.threadEvents()).isEmpty();
    Pause pause = recorded.gcPauses().get(0);
    assertThat(pause.startNanos()).isBetween(before - CallTimes.PAUSE_MARGIN_NANOS, after);
    assertThat(recorded.safepoints())
        .anySatisfy(
            safepoint -> {
              assertThat(safepoint.startNanos())
                  .isLessThanOrEqualTo(pause.startNanos() + CallTimes.PAUSE_MARGIN_NANOS);
              assertThat(safepoint.endNanos())
                  .isGreaterThanOrEqualTo(pause.endNanos() - CallTimes.PAUSE_MARGIN_NANOS);
            });
  }
}
