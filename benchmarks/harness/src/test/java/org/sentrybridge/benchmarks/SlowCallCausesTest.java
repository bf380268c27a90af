package org.sentrybridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlowCallCausesTest {

  private static final long MS = 1_000_000;

  @Test
  void aParkThatStartsDuringACallIsItsCauseButThePacingParkJustBeforeItIsNot() {
    // thread 1 parked from 9 ms to 10 ms (pacing), then its call from 10 ms took 2 ms with no event
    // thread 2's call from 20 ms took 4 ms and parked inside it from 21 ms
    List<CallTimes.SlowCall> calls =
        List.of(
            new CallTimes.SlowCall(1, 10 * MS, 2 * MS, 200_000),
            new CallTimes.SlowCall(2, 20 * MS, 4 * MS, 3 * MS));
    List<JvmEvents.ThreadEvent> events =
        List.of(
            new JvmEvents.ThreadEvent(1, "ThreadPark", 9 * MS, 10 * MS - 1_000),
            new JvmEvents.ThreadEvent(2, "ThreadPark", 21 * MS, 23 * MS),
            new JvmEvents.ThreadEvent(3, "JavaMonitorEnter", 11 * MS, 12 * MS)); // another thread

    String line =
        SlowCallCauses.describe(calls, events, true, List.of(new Pause(10 * MS, 11 * MS)));

    assertThat(line)
        .contains("over-1ms-outside-safepoints=2")
        .contains("of-them-in-stalls=1")
        .contains("without-thread-event=1")
        .contains("with-ThreadPark=1")
        .doesNotContain("JavaMonitorEnter")
        // (0.2 + 3) ms of CPU in (2 + 4) ms of calls; the first ran under half its time
        .contains("cpu-of-wall=53%")
        .contains("mostly-off-cpu=1")
        .contains("worst=4000us/cpu-3000us/ThreadPark/no-stall,2000us/cpu-200us/no-event/stall");
  }

  @Test
  void withoutRecordedEventsOrCpuTimesOnlyTheCountsAndStallsAreGiven() {
    List<CallTimes.SlowCall> calls = List.of(new CallTimes.SlowCall(1, 0, 5 * MS, -1));

    String line = SlowCallCauses.describe(calls, List.of(), false, List.of());

    assertThat(line)
        .isEqualTo("over-1ms-outside-safepoints=1 of-them-in-stalls=0 worst=5000us/no-stall");
  }

  @Test
  void theEventsOfASlowCallNameWhatTheyWereAbout() {
    List<CallTimes.SlowCall> calls = List.of(new CallTimes.SlowCall(4, 10 * MS, 3 * MS, 100_000));
    List<JvmEvents.ThreadEvent> events =
        List.of(
            new JvmEvents.ThreadEvent(
                4,
                "JavaMonitorEnter",
                11 * MS,
                13 * MS,
                "java.util.WeakHashMap@org.example.Rings.find"));

    String line = SlowCallCauses.describe(calls, events, true, List.of());

    assertThat(line)
        .contains("with-JavaMonitorEnter=1")
        .contains("about={JavaMonitorEnter:java.util.WeakHashMap@org.example.Rings.find=1}");
  }
}
