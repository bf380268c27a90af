package org.sentrybridge.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * What this JVM's own machinery did while a run lasts, from a JFR recording, on the {@link
 * System#nanoTime()} time line: the garbage-collection pauses ({@code jdk.GCPhasePause}, every
 * collector's stop-the-world phases), every safepoint ({@code jdk.SafepointBegin} to {@code
 * jdk.SafepointEnd}: GC, deoptimization, code cache, biased-lock revocation, thread dumps, JFR's
 * own; all Java threads stop, whatever the code under test does) and, when asked, the events that
 * make one thread wait: {@code jdk.ThreadPark}, {@code jdk.JavaMonitorEnter}, {@code
 * jdk.JavaMonitorWait}, {@code jdk.ClassLoad}, {@code jdk.ObjectAllocationOutsideTLAB}.
 */
final class JvmEvents {

  /** Events that make a thread wait, recorded with {@code threadEvents}. */
  static final List<String> THREAD_EVENTS =
      List.of(
          "jdk.ThreadPark",
          "jdk.JavaMonitorEnter",
          "jdk.JavaMonitorWait",
          "jdk.ClassLoad",
          "jdk.ObjectAllocationOutsideTLAB");

  /**
   * One thread's event, its name without {@code jdk.}, and what it was about: the monitor's or
   * the loaded class, and the first frame of the application's or a library's code (not the
   * JDK's); empty when not known.
   */
  record ThreadEvent(long threadId, String type, long startNanos, long endNanos, String detail) {
    ThreadEvent(long threadId, String type, long startNanos, long endNanos) {
      this(threadId, type, startNanos, endNanos, "");
    }
  }

  /** What was recorded, each list sorted by start. */
  record Recorded(List<Pause> gcPauses, List<Pause> safepoints, List<ThreadEvent> threadEvents) {}

  /** Frames outside the JDK named for an event, before sentry-bridge's first. */
  private static final int MAX_FRAMES = 3;

  private final Recording recording = new Recording();
  private final long originNanos;
  private final Instant origin;

  private JvmEvents(boolean threadEvents) {
    recording.enable("jdk.GCPhasePause").withThreshold(Duration.ZERO);
    recording.enable("jdk.SafepointBegin").withThreshold(Duration.ZERO);
    recording.enable("jdk.SafepointEnd").withThreshold(Duration.ZERO);
    if (threadEvents) {
      for (String event : THREAD_EVENTS) {
        // with stacks, to name the code: every pacing wait of the logging threads is a park too,
        // thousands a second, one reason why a diagnosis run's figures are not the figures
        recording.enable(event).withThreshold(Duration.ZERO).withStackTrace();
      }
    }
    recording.setToDisk(true);
    recording.start();
    originNanos = System.nanoTime();
    origin = Instant.now();
  }

  /**
   * Starts recording.
   *
   * @param threadEvents also the parks, monitor waits, class loads and allocations outside TLABs
   *     of every thread (tens of thousands of events a second under load: for a diagnosis, not for
   *     the figures)
   */
  static JvmEvents start(boolean threadEvents) {
    return new JvmEvents(threadEvents);
  }

  /** Stops recording; {@link #read} then parses what was recorded. */
  void stop() {
    recording.stop();
  }

  /** Stops recording if still on and returns what was seen (parsing costs CPU: after a run). */
  Recorded read() throws IOException {
    if (recording.getState() == jdk.jfr.RecordingState.RUNNING) {
      recording.stop();
    }
    Path file = Files.createTempFile("jvm-events", ".jfr");
    try {
      recording.dump(file);
      List<Pause> gc = new ArrayList<>();
      Map<Long, long[]> safepointSpans = new TreeMap<>();
      List<ThreadEvent> threadEvents = new ArrayList<>();
      for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
        long start = nanos(event.getStartTime());
        long end = nanos(event.getEndTime());
        String name = event.getEventType().getName();
        switch (name) {
          case "jdk.GCPhasePause" -> gc.add(new Pause(start, end));
          case "jdk.SafepointBegin", "jdk.SafepointEnd" -> {
            // one safepoint: from the start of its synchronization to the end of its end phase
            long[] span =
                safepointSpans.computeIfAbsent(
                    event.getLong("safepointId"), id -> new long[] {start, end});
            span[0] = Math.min(span[0], start);
            span[1] = Math.max(span[1], end);
          }
          default -> {
            RecordedThread thread = event.getThread();
            if (thread != null) {
              threadEvents.add(
                  new ThreadEvent(
                      thread.getJavaThreadId(),
                      name.substring("jdk.".length()),
                      start,
                      end,
                      detail(event)));
            }
          }
        }
      }
      List<Pause> safepoints = new ArrayList<>();
      safepointSpans.values().forEach(span -> safepoints.add(new Pause(span[0], span[1])));
      gc.sort(Comparator.comparingLong(Pause::startNanos));
      safepoints.sort(Comparator.comparingLong(Pause::startNanos));
      threadEvents.sort(Comparator.comparingLong(ThreadEvent::startNanos));
      return new Recorded(gc, safepoints, threadEvents);
    } finally {
      recording.close();
      Files.deleteIfExists(file);
    }
  }

  /**
   * The class the event is about, the first frames outside the JDK and the first of sentry-bridge,
   * as {@code Class@frame<caller<ourFrame}.
   */
  private static String detail(RecordedEvent event) {
    String about = "";
    for (String field : List.of("monitorClass", "parkedClass", "loadedClass", "objectClass")) {
      if (event.hasField(field)) {
        jdk.jfr.consumer.RecordedClass type = event.getValue(field);
        about = type == null ? "" : type.getName();
        break;
      }
    }
    // the first frames outside the JDK (a library's lock and who took it), up to sentry-bridge's
    StringBuilder frames = new StringBuilder();
    int shown = 0;
    jdk.jfr.consumer.RecordedStackTrace stack = event.getStackTrace();
    if (stack != null) {
      for (jdk.jfr.consumer.RecordedFrame each : stack.getFrames()) {
        String type = each.getMethod().getType().getName();
        boolean jdk = type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.");
        boolean ours = type.startsWith("org.sentrybridge.");
        if ((!jdk && shown < MAX_FRAMES) || ours) {
          frames.append(frames.length() == 0 ? "" : "<").append(type).append('.');
          frames.append(each.getMethod().getName());
          shown++;
          if (ours) {
            break;
          }
        }
      }
    }
    return frames.length() == 0 ? about : about + "@" + frames;
  }

  private long nanos(Instant time) {
    return originNanos + Duration.between(origin, time).toNanos();
  }
}
