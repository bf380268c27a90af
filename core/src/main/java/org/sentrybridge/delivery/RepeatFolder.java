package org.sentrybridge.delivery;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flood control. The first occurrence of an error goes out at once; further occurrences of the same
 * {@link ErrorFingerprint} within the window are only counted. When the window closes (or on flush
 * and close), one more event (the latest occurrence) goes out carrying in tag and extra {@code
 * repeats} how many occurrences it stands for, itself included; the first occurrence stands for
 * itself alone. So the occurrences of an error add up to the number of events without the tag plus
 * the sum of {@code repeats}. Used by the delivery thread alone, so it needs no locking.
 */
final class RepeatFolder {

  /** An event that stands for several occurrences. */
  static final class Folded {
    final Submission latest;
    final long repeats;

    Folded(Submission latest, long repeats) {
      this.latest = latest;
      this.repeats = repeats;
    }
  }

  private static final class Window {
    final long openedAtNanos;
    Submission latest;
    long repeats;

    Window(long openedAtNanos) {
      this.openedAtNanos = openedAtNanos;
    }
  }

  private ErrorFingerprint lastFingerprint;
  private final long windowNanos;
  private final int maxWindows;
  private final Map<ErrorFingerprint, Window> windows = new LinkedHashMap<>();
  private final List<Folded> endedEarly = new ArrayList<>();

  RepeatFolder(long windowNanos, int maxWindows) {
    this.windowNanos = windowNanos;
    this.maxWindows = maxWindows;
  }

  boolean isOn() {
    return windowNanos > 0;
  }

  /** True when the submission should be sent now; false when it was counted as a repeat. */
  boolean admit(Submission submission, long nowNanos) {
    if (!isOn() || submission.isManual()) {
      return true;
    }
    ErrorFingerprint fingerprint = ErrorFingerprint.of(submission.record(), lastFingerprint);
    lastFingerprint = fingerprint;
    Window window = windows.get(fingerprint);
    if (window != null && nowNanos - window.openedAtNanos < windowNanos) {
      window.latest = submission;
      window.repeats++;
      return false;
    }
    if (window != null) {
      windows.remove(fingerprint);
      ended(window);
    }
    if (windows.size() >= maxWindows) {
      // too many distinct errors to track: close the oldest window early; later repeats of it
      // are sent as a new first occurrence, so nothing is lost, only less folded
      Iterator<Window> oldest = windows.values().iterator();
      ended(oldest.next());
      oldest.remove();
    }
    windows.put(fingerprint, new Window(nowNanos));
    return true;
  }

  /**
   * Closes the windows that ended (all of them when {@code all}) and returns the events that stand
   * for their repeats.
   */
  List<Folded> close(long nowNanos, boolean all) {
    List<Folded> due = new ArrayList<>(endedEarly);
    endedEarly.clear();
    Iterator<Window> it = windows.values().iterator();
    while (it.hasNext()) {
      Window window = it.next();
      if (all || nowNanos - window.openedAtNanos >= windowNanos) {
        if (window.repeats > 0) {
          due.add(new Folded(window.latest, window.repeats));
        }
        it.remove();
      }
    }
    return due;
  }

  /** Keeps the summary of a window that ended outside {@link #close} for the next close. */
  private void ended(Window window) {
    if (window.repeats > 0) {
      endedEarly.add(new Folded(window.latest, window.repeats));
    }
  }

  /** Nanos until the next window closes, or -1 when none is open. */
  long nanosUntilNextClose(long nowNanos) {
    long next = endedEarly.isEmpty() ? -1 : 0;
    for (Window window : windows.values()) {
      if (window.repeats == 0) {
        continue;
      }
      long left = Math.max(0, window.openedAtNanos + windowNanos - nowNanos);
      next = next < 0 ? left : Math.min(next, left);
    }
    return next;
  }
}
