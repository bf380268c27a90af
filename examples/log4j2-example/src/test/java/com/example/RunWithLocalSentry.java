package com.example;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.config.Dsns;
import org.sentrybridge.devserver.EventSummary;
import org.sentrybridge.devserver.LoopbackSentryReceiver;

/**
 * Runs {@link App}, the README's quick start, the way the README's first command does ({@code
 * exec:java} of this module runs this class on its test classpath):
 *
 * <ul>
 *   <li>no {@code SENTRY_DSN}: starts a local Sentry receiver (sentry-bridge-devserver), points
 *       {@code SENTRY_DSN} at it and prints a summary of every event it receives: what Sentry
 *       would get.
 *   <li>{@code SENTRY_DSN} set: the events go to that Sentry project.
 *   <li>{@code --no-dsn}: no DSN at all, the pass-through mode; nothing leaves the process.
 * </ul>
 *
 * <p>It sits with the tests because the receiver is a test dependency: the application itself
 * needs only what the README's quick start lists.
 */
public final class RunWithLocalSentry {

  /** Events {@link App} produces: the logged error and the one sent by hand. */
  static final int EXPECTED_EVENTS = 2;

  /** Sentry log entries {@link App} produces: its INFO line and its error line. */
  static final int EXPECTED_LOG_ENTRIES = 2;

  private RunWithLocalSentry() {}

  public static void main(String[] args) throws InterruptedException {
    boolean passThrough = Arrays.asList(args).contains("--no-dsn");
    String dsn = System.getenv("SENTRY_DSN");
    LoopbackSentryReceiver localSentry = null;
    CountDownLatch received = new CountDownLatch(EXPECTED_EVENTS);
    CountDownLatch receivedLogs = new CountDownLatch(EXPECTED_LOG_ENTRIES);
    if (passThrough) {
      // an empty value wins over the environment, for ${sys:SENTRY_DSN} and the SDK's own lookup
      System.setProperty("SENTRY_DSN", "");
      System.setProperty("sentry.dsn", "");
      say("--no-dsn: pass-through mode, nothing is sent anywhere");
    } else if (dsn == null || dsn.isBlank()) {
      localSentry = LoopbackSentryReceiver.start();
      localSentry.onEvent(
          event -> {
            System.out.println(EventSummary.format(event));
            received.countDown();
          });
      localSentry.onLog(
          log -> {
            System.out.println(EventSummary.format(log));
            receivedLogs.countDown();
          });
      // log4j2.xml is read when the first logger is created, so the DSN must be set before that
      System.setProperty("SENTRY_DSN", localSentry.dsn());
      say("No SENTRY_DSN set: events go to a local Sentry receiver at " + localSentry.dsn());
      say("(set SENTRY_DSN to send them to your Sentry project instead)");
    } else {
      say("Sending events to the Sentry project of SENTRY_DSN " + Dsns.mask(dsn));
    }
    StatusLogger.getLogger().registerListener(new SentryBridgeStatusPrinter());

    App.main(new String[0]);

    boolean flushed = SentryBridge.service().flush(Duration.ofSeconds(10));
    if (localSentry != null) {
      if (!received.await(10, TimeUnit.SECONDS)) {
        say("only " + (EXPECTED_EVENTS - received.getCount()) + " of " + EXPECTED_EVENTS
            + " events arrived at the local receiver");
      }
      if (!receivedLogs.await(10, TimeUnit.SECONDS)) {
        say("only " + (EXPECTED_LOG_ENTRIES - receivedLogs.getCount()) + " of "
            + EXPECTED_LOG_ENTRIES + " log entries arrived at the local receiver");
      }
    } else if (!passThrough) {
      say(flushed ? "all events handed to Sentry" : "some events were still being sent");
    }
    // stops the appender, which delivers what is left and releases the Sentry SDK
    LogManager.shutdown();
    if (localSentry != null) {
      localSentry.close();
    }
  }

  /** Prints what the appender reports on Log4j2's status channel while it starts. */
  private static final class SentryBridgeStatusPrinter implements StatusListener {

    @Override
    public void log(StatusData data) {
      String message = data.getMessage().getFormattedMessage();
      if (message != null && message.contains("sentry-bridge")) {
        say("log4j2 status: " + message);
      }
    }

    @Override
    public Level getStatusLevel() {
      return Level.INFO;
    }

    @Override
    public void close() {}
  }

  private static void say(String line) {
    System.out.println(">> " + line);
  }
}
