package org.sentrybridge.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Flood control. The first occurrence of an error goes out at once; further occurrences of the same
 * {@link ErrorFingerprint} <em>and the same user</em> within the window are only counted. When the
 * window closes (or on close), one more event (the latest occurrence) goes out carrying
 * in tag and extra {@code repeats} how many occurrences it stands for, itself included, and in
 * extra {@code users} how many distinct users those occurrences had; the first occurrence stands
 * for itself alone. A flush sends those summaries too, and leaves the windows open: later repeats
 * within the same window are counted from nothing again, for a further summary. So the occurrences of an error add up to the number of events without the tag
 * plus the sum of {@code repeats}.
 *
 * <p>Errors of different users are never folded into one another, so Sentry's count of affected
 * users and each user's own history stay right: per error and window, each of the first {@link
 * #MAX_USERS_PER_ERROR} distinct users gets a window (and so an event) of its own. Users beyond
 * that bound share one more window: its first occurrence goes out at once, its summary counts the
 * rest, exactly, with their distinct users (counted up to {@link #MAX_COUNTED_USERS}). Occurrences
 * without a user share a window of their own. Used by the delivery thread alone, so it needs no
 * locking.
 */
final class RepeatFolder {

  /** Per error and window, how many distinct users get events of their own. */
  static final int MAX_USERS_PER_ERROR = 100;
  /** Distinct users a summary counts exactly; beyond, it says {@code "10000+"}. */
  static final int MAX_COUNTED_USERS = 10_000;

  /**
   * An event that stands for several occurrences: the latest of them, how many repeats it stands
   * for, the distinct users among the repeats (0 when none had a user), and whether there were more
   * distinct users than were counted.
   */
  record Folded(Submission latest, long repeats, int users, boolean moreUsers) {}

  /**
   * What occurrences fold into one window: the same error, and the same user (null: none), or for
   * {@code otherUsers} every user beyond the bound.
   */
  private record Key(ErrorFingerprint fingerprint, String user, boolean otherUsers) {

    /** The same key as this one's, for the same fingerprint instance and user: no new key. */
    boolean isFor(ErrorFingerprint fingerprint, String user) {
      return this.fingerprint == fingerprint && !otherUsers && Objects.equals(this.user, user);
    }

    boolean ownUser() {
      return user != null && !otherUsers;
    }
  }

  private static final class Window {
    final long openedAtNanos;
    Submission latest;
    long repeats;
    /** The repeats' distinct users; kept only for the window of the users beyond the bound. */
    Set<String> users;
    boolean moreUsers;

    Window(long openedAtNanos) {
      this.openedAtNanos = openedAtNanos;
    }

    void repeat(Submission submission, String user) {
      latest = submission;
      repeats++;
      if (users != null && user != null) {
        if (users.size() < MAX_COUNTED_USERS) {
          users.add(user);
        } else if (!users.contains(user)) {
          moreUsers = true;
        }
      }
    }

    /** Starts counting again from nothing, in the same window (its end does not move). */
    void restart() {
      latest = null;
      repeats = 0;
      if (users != null) {
        users = new HashSet<>();
      }
      moreUsers = false;
    }

    Folded summary(Key key) {
      int distinct;
      if (users != null) {
        distinct = users.size();
      } else {
        distinct = key.ownUser() ? 1 : 0;
      }
      return new Folded(latest, repeats, distinct, moreUsers);
    }
  }

  private ErrorFingerprint lastFingerprint;
  private Throwable lastError;
  /** The key of the last admitted submission: a burst of repeats looks up the same one. */
  private Key lastKey;
  private final long windowNanos;
  private final int maxWindows;
  private final int maxUsersPerError;
  private final Map<Key, Window> windows = new LinkedHashMap<>();
  /** How many users of each error have a window of their own now. */
  private final Map<ErrorFingerprint, Integer> userWindows = new HashMap<>();
  private final List<Folded> endedEarly = new ArrayList<>();

  RepeatFolder(long windowNanos, int maxWindows) {
    this(windowNanos, maxWindows, MAX_USERS_PER_ERROR);
  }

  RepeatFolder(long windowNanos, int maxWindows, int maxUsersPerError) {
    this.windowNanos = windowNanos;
    this.maxWindows = maxWindows;
    this.maxUsersPerError = maxUsersPerError;
  }

  boolean isOn() {
    return windowNanos > 0;
  }

  /** True when the submission should be sent now; false when it was counted as a repeat. */
  boolean admit(Submission submission, long nowNanos) {
    if (!isOn() || submission.isManual()) {
      return true;
    }
    ErrorFingerprint fingerprint =
        ErrorFingerprint.of(submission.record(), lastFingerprint, lastError);
    lastFingerprint = fingerprint;
    lastError = submission.record().throwable();
    String user = submission.userKey();
    Key key = lastKey != null && lastKey.isFor(fingerprint, user)
        ? lastKey
        : new Key(fingerprint, user, false);
    lastKey = key;
    Window window = openWindow(key, nowNanos);
    if (window == null && user != null && ownWindows(fingerprint) >= maxUsersPerError) {
      key = new Key(fingerprint, null, true);
      window = openWindow(key, nowNanos);
    }
    if (window != null) {
      window.repeat(submission, user);
      return false;
    }
    if (windows.size() >= maxWindows) {
      // too many distinct errors to track: close the oldest window early; later repeats of it
      // are sent as a new first occurrence, so nothing is lost, only less folded
      Iterator<Map.Entry<Key, Window>> oldest = windows.entrySet().iterator();
      Map.Entry<Key, Window> entry = oldest.next();
      oldest.remove();
      forget(entry.getKey());
      ended(entry.getKey(), entry.getValue());
    }
    Window opened = new Window(nowNanos);
    if (key.otherUsers()) {
      opened.users = new HashSet<>();
    } else if (key.ownUser()) {
      userWindows.merge(fingerprint, 1, Integer::sum);
    }
    windows.put(key, opened);
    return true;
  }

  /**
   * The window of this key while its time is not over; null when there is none, or when it just
   * ended (its summary goes out with the next close).
   */
  private Window openWindow(Key key, long nowNanos) {
    Window window = windows.get(key);
    if (window != null && nowNanos - window.openedAtNanos >= windowNanos) {
      windows.remove(key);
      forget(key);
      ended(key, window);
      return null;
    }
    return window;
  }

  private int ownWindows(ErrorFingerprint fingerprint) {
    return userWindows.getOrDefault(fingerprint, 0);
  }

  /** Updates the count of own user windows when the window of {@code key} is gone. */
  private void forget(Key key) {
    if (key.ownUser()) {
      userWindows.computeIfPresent(key.fingerprint(), (f, n) -> n > 1 ? n - 1 : null);
    }
  }

  /**
   * Closes the windows that ended (all of them when {@code all}) and returns the events that stand
   * for their repeats.
   */
  List<Folded> close(long nowNanos, boolean all) {
    List<Folded> due = new ArrayList<>(endedEarly);
    endedEarly.clear();
    Iterator<Map.Entry<Key, Window>> it = windows.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Key, Window> entry = it.next();
      Window window = entry.getValue();
      if (all || nowNanos - window.openedAtNanos >= windowNanos) {
        if (window.repeats > 0) {
          due.add(window.summary(entry.getKey()));
        }
        it.remove();
        forget(entry.getKey());
      }
    }
    return due;
  }

  /**
   * On a flush: the summaries of every window that holds repeats, and those of the windows that
   * ended. A window whose time is not over stays open, counting from nothing again, so repeats
   * after the flush are still folded into it instead of going out as a new first occurrence: an
   * application that flushes often (after each request, each job) keeps its flood control.
   */
  List<Folded> flush(long nowNanos) {
    List<Folded> due = close(nowNanos, false);
    for (Map.Entry<Key, Window> entry : windows.entrySet()) {
      Window window = entry.getValue();
      if (window.repeats > 0) {
        due.add(window.summary(entry.getKey()));
        window.restart();
      }
    }
    return due;
  }

  /** Keeps the summary of a window that ended outside {@link #close} for the next close. */
  private void ended(Key key, Window window) {
    if (window.repeats > 0) {
      endedEarly.add(window.summary(key));
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
