package org.sentrybridge.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * The garbage-collection pauses of this JVM while it runs (JFR's {@code jdk.GCPhasePause} events,
 * the stop-the-world pauses of every collector: G1, Parallel, Serial, ZGC), on the {@link
 * System#nanoTime()} time line, so that a logging call can be told apart from a pause that stopped
 * every thread.
 */
final class GcPauses {

  /** One stop-the-world pause, on the {@link System#nanoTime()} time line. */
  record Pause(long startNanos, long endNanos) {
    long nanos() {
      return endNanos - startNanos;
    }
  }

  private final Recording recording = new Recording();
  private final long originNanos;
  private final Instant origin;

  private GcPauses() {
    recording.enable("jdk.GCPhasePause").withThreshold(Duration.ZERO);
    recording.setToDisk(true);
    recording.start();
    originNanos = System.nanoTime();
    origin = Instant.now();
  }

  /** Starts recording the pauses. */
  static GcPauses start() {
    return new GcPauses();
  }

  /** Stops recording and returns the pauses seen, in order. */
  List<Pause> stop() throws IOException {
    recording.stop();
    Path file = Files.createTempFile("gc-pauses", ".jfr");
    try {
      recording.dump(file);
      List<Pause> pauses = new ArrayList<>();
      for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
        long start = originNanos + Duration.between(origin, event.getStartTime()).toNanos();
        pauses.add(new Pause(start, start + event.getDuration().toNanos()));
      }
      pauses.sort((a, b) -> Long.compare(a.startNanos(), b.startNanos()));
      return pauses;
    } finally {
      recording.close();
      Files.deleteIfExists(file);
    }
  }
}
