package org.sentrybridge;

import org.sentrybridge.config.BridgeSettings;

/**
 * A program that sends errors and ends without closing anything, as many applications do: {@code
 * main(dsn, bufferDir, count[, flushTimeout])}, flushTimeout 2s unless given.
 */
public final class ExitsWithoutClosing {

  private ExitsWithoutClosing() {}

  public static void main(String[] args) {
    SentryService service =
        SentryBridge.start(
            BridgeSettings.builder()
                .dsn(args[0])
                .bufferDir(args[1])
                .flushTimeout(args.length > 3 ? args[3] : "2s")
                .build());
    int count = Integer.parseInt(args[2]);
    for (int i = 0; i < count; i++) {
      service.sendError(new IllegalStateException("sent right before exit " + i));
    }
    System.out.println("sent " + count);
  }
}
