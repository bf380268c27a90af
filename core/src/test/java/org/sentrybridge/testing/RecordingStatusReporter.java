package org.sentrybridge.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sentrybridge.StatusReporter;

/** Keeps every status line, prefixed with its level ({@code INFO }, {@code WARN }, {@code ERROR }). */
public final class RecordingStatusReporter implements StatusReporter {

  private final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void info(String message) {
    lines.add("INFO " + message);
  }

  @Override
  public void warn(String message) {
    lines.add("WARN " + message);
  }

  @Override
  public void error(String message, Throwable cause) {
    lines.add("ERROR " + message + (cause == null ? "" : " " + cause));
  }

  public List<String> lines() {
    return new ArrayList<>(lines);
  }

  public List<String> lines(String levelPrefix) {
    List<String> matching = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith(levelPrefix + " ")) {
        matching.add(line.substring(levelPrefix.length() + 1));
      }
    }
    return matching;
  }
}
