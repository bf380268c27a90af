package org.sentrybridge.benchmarks;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the slow logging calls waited for: each call of at least {@link #SLOW_NANOS} that overlaps
 * no safepoint is matched with the JFR events of its own thread during it ({@link
 * JvmEvents#THREAD_EVENTS}: a park or a monitor is the code blocking; a class load or an
 * allocation outside a TLAB is work the JVM did for it) and with the stalls of the machine; its
 * CPU time against its wall time says whether the thread ran. A slow call with no event, little CPU
 * and a stall is a runnable thread the OS did not run.
 */
final class SlowCallCauses {

  /** Calls at least this long are explained. */
  static final long SLOW_NANOS = 1_000_000;
  private static final int SHOWN_WORST = 3;
  /** JFR's clock and {@link System#nanoTime()} are matched to a few microseconds. */
  private static final long EVENT_MARGIN_NANOS = 20_000;

  private SlowCallCauses() {}

  /**
   * One line of figures about the slow calls outside safepoints.
   *
   * @param calls the slow calls outside safepoints
   * @param events the JFR events of every thread, sorted by start; empty when not recorded
   * @param eventsRecorded whether {@code events} were recorded
   * @param stalls the stalls of the machine, sorted by start
   * @return {@code key=value} pairs
   */
  static String describe(
      List<CallTimes.SlowCall> calls,
      List<JvmEvents.ThreadEvent> events,
      boolean eventsRecorded,
      List<Pause> stalls) {
    Map<String, Integer> byEvent = new TreeMap<>();
    Map<String, Integer> byDetail = new TreeMap<>();
    int withoutEvent = 0;
    int inStall = 0;
    int cpuMeasured = 0;
    long cpuNanos = 0;
    long wallNanos = 0;
    int mostlyOffCpu = 0;
    StringBuilder worst = new StringBuilder();
    List<CallTimes.SlowCall> sorted =
        calls.stream()
            .sorted(Comparator.comparingLong(CallTimes.SlowCall::nanos).reversed())
            .toList();
    for (int i = 0; i < sorted.size(); i++) {
      CallTimes.SlowCall call = sorted.get(i);
      Set<String> details = new TreeSet<>();
      Set<String> types = eventsDuring(call, events, details);
      types.forEach(type -> byEvent.merge(type, 1, Integer::sum));
      details.forEach(detail -> byDetail.merge(detail, 1, Integer::sum));
      if (types.isEmpty()) {
        withoutEvent++;
      }
      boolean stalled = overlapsAny(call.startNanos(), call.endNanos(), stalls);
      if (stalled) {
        inStall++;
      }
      if (call.cpuNanos() >= 0) {
        cpuMeasured++;
        cpuNanos += call.cpuNanos();
        wallNanos += call.nanos();
        if (call.cpuNanos() * 2 < call.nanos()) {
          mostlyOffCpu++;
        }
      }
      if (i < SHOWN_WORST) {
        worst.append(worst.length() == 0 ? "" : ",")
            .append(String.format(Locale.ROOT, "%.0fus", call.nanos() / 1000.0));
        if (call.cpuNanos() >= 0) {
          worst.append(String.format(Locale.ROOT, "/cpu-%.0fus", call.cpuNanos() / 1000.0));
        }
        if (eventsRecorded) {
          worst.append(types.isEmpty() ? "/no-event" : "/" + String.join("+", types));
          if (!details.isEmpty()) {
            worst.append('[').append(String.join(";", details)).append(']');
          }
        }
        worst.append(stalled ? "/stall" : "/no-stall");
      }
    }
    StringBuilder line = new StringBuilder();
    line.append("over-1ms-outside-safepoints=").append(calls.size());
    line.append(" of-them-in-stalls=").append(inStall);
    if (eventsRecorded) {
      line.append(" without-thread-event=").append(withoutEvent);
      byEvent.forEach(
          (type, count) -> line.append(" with-").append(type).append('=').append(count));
    }
    if (cpuMeasured > 0) {
      line.append(
          String.format(
              Locale.ROOT,
              " cpu-of-wall=%.0f%% mostly-off-cpu=%d",
              100.0 * cpuNanos / Math.max(1, wallNanos),
              mostlyOffCpu));
    }
    if (worst.length() > 0) {
      line.append(" worst=").append(worst);
    }
    if (!byDetail.isEmpty()) {
      line.append(" about=").append(byDetail);
    }
    return line.toString();
  }

  private static Set<String> eventsDuring(
      CallTimes.SlowCall call, List<JvmEvents.ThreadEvent> events, Set<String> details) {
    Set<String> types = new TreeSet<>();
    // an event that starts during the call: the park a thread paces with ends just before a call
    // starts, and would count with any margin around the call's start
    for (JvmEvents.ThreadEvent event : events) {
      if (event.startNanos() > call.endNanos()) {
        break; // sorted by start
      }
      if (event.threadId() == call.threadId()
          && event.startNanos() >= call.startNanos() - EVENT_MARGIN_NANOS) {
        types.add(event.type());
        if (!event.detail().isEmpty()) {
          details.add(event.type() + ":" + event.detail());
        }
      }
    }
    return types;
  }

  private static boolean overlapsAny(long start, long end, List<Pause> pauses) {
    for (Pause pause : pauses) {
      if (pause.startNanos() - CallTimes.PAUSE_MARGIN_NANOS > end) {
        return false;
      }
      if (pause.endNanos() + CallTimes.PAUSE_MARGIN_NANOS >= start) {
        return true;
      }
    }
    return false;
  }
}
