package org.sentrybridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CallTimesTest {

  private static final long MS = 1_000_000;

  @Test
  void aCallStretchedByAPauseIsTheWorstButNotTheWorstOutsideGc() {
    CallTimes calls = new CallTimes();
    calls.record(0, 20_000); // 20 us, fast
    calls.record(10 * MS, 30 * MS); // overlaps the pause at 25 ms
    calls.record(100 * MS, 2 * MS); // no pause near it
    calls.record(200 * MS, 5 * MS); // ends just before the pause at 205.01 ms: within the margin

    List<Pause> pauses =
        List.of(new Pause(25 * MS, 40 * MS), new Pause(205 * MS + 10_000, 206 * MS));

    assertThat(calls.worst()).isEqualTo(30 * MS);
    assertThat(calls.worstOutside(pauses)).isEqualTo(2 * MS);
    assertThat(calls.slowOutside(pauses)).isEqualTo(1);
  }

  @Test
  void withoutSlowCallsOutsideGcTheWorstFastCallCounts() {
    CallTimes calls = new CallTimes();
    calls.record(0, 40_000);
    calls.record(MS, 5 * MS);

    assertThat(calls.worstOutside(List.of(new Pause(2 * MS, 3 * MS)))).isEqualTo(40_000);
    assertThat(calls.worstOutside(List.of())).isEqualTo(5 * MS);
  }

  @Test
  void mergingKeepsEveryThreadsCalls() {
    CallTimes total = new CallTimes();
    CallTimes first = new CallTimes();
    first.record(0, 3 * MS);
    CallTimes second = new CallTimes();
    second.record(50 * MS, 7 * MS);
    second.record(90 * MS, 60_000);

    total.merge(first);
    total.merge(second);

    assertThat(total.worst()).isEqualTo(7 * MS);
    assertThat(total.worstOutside(List.of(new Pause(51 * MS, 52 * MS)))).isEqualTo(3 * MS);
    assertThat(total.slowNotKept()).isZero();
  }

  @Test
  void slowCallsKeepTheirThreadAndCpuTimeAndLeaveOutThoseInAPause() {
    CallTimes first = new CallTimes();
    first.record(7, 0, 2 * MS, 100_000);
    first.record(7, 10 * MS, 500_000, 400_000); // slow but under 1 ms
    CallTimes second = new CallTimes();
    second.record(9, 20 * MS, 3 * MS, -1); // overlaps the safepoint at 21 ms
    second.record(9, 40 * MS, 4 * MS, 3 * MS);
    CallTimes total = new CallTimes();
    total.merge(first);
    total.merge(second);

    List<CallTimes.SlowCall> slow =
        total.slowCalls(MS, List.of(new Pause(21 * MS, 22 * MS)));

    assertThat(slow)
        .containsExactlyInAnyOrder(
            new CallTimes.SlowCall(7, 0, 2 * MS, 100_000),
            new CallTimes.SlowCall(9, 40 * MS, 4 * MS, 3 * MS));
  }
}
