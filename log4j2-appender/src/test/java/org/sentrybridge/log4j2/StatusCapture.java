package org.sentrybridge.log4j2;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

/** Keeps everything Log4j2's status logger says while registered. */
final class StatusCapture implements StatusListener {

  private final List<StatusData> entries = new CopyOnWriteArrayList<>();

  static StatusCapture register() {
    StatusCapture capture = new StatusCapture();
    StatusLogger.getLogger().registerListener(capture);
    return capture;
  }

  @Override
  public void log(StatusData data) {
    entries.add(data);
  }

  @Override
  public Level getStatusLevel() {
    return Level.DEBUG;
  }

  /** Messages at exactly this level. */
  List<String> messages(Level level) {
    List<String> messages = new ArrayList<>();
    for (StatusData data : entries) {
      if (data.getLevel() == level) {
        messages.add(data.getMessage().getFormattedMessage());
      }
    }
    return messages;
  }

  List<String> messagesContaining(String text) {
    List<String> messages = new ArrayList<>();
    for (StatusData data : entries) {
      String message = data.getMessage().getFormattedMessage();
      if (message.contains(text)) {
        messages.add(message);
      }
    }
    return messages;
  }

  /** Stops listening; the status logger then calls {@link #close()}. */
  void unregister() {
    StatusLogger.getLogger().removeListener(this);
  }

  @Override
  public void close() {}
}
