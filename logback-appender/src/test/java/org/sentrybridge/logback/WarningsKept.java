package org.sentrybridge.logback;

import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import java.util.List;

/** Keeps the warnings of every status; survives resets, as the status list does. */
final class WarningsKept implements StatusListener {
  private final List<String> warnings;

  WarningsKept(List<String> warnings) {
    this.warnings = warnings;
  }

  @Override
  public void addStatusEvent(Status status) {
    if (status.getLevel() == Status.WARN) {
      warnings.add(status.getMessage());
    }
  }

  @Override
  public boolean isResetResistant() {
    return true;
  }
}
