package com.example.log4j2;

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
 * Runs {@link CheckoutJob} with Log4j2 and the {@code <SentryBridge>} appender of {@code
 * log4j2.xml}.
 *
 * <ul>
 *   <li>{@code SENTRY_DSN} set: the events go to that Sentry project.
 *   <li>no {@code SENTRY_DSN}: a local Sentry receiver is started, the DSN points at it, and a
 *       summary of each event it receives is printed: what Sentry would get.
 *   <li>{@code --no-dsn}: no DSN at all, the pass-through mode; nothing leaves the process.
 * </ul>
 */
public final class Log4j2Example {

  /** Events the job produces: the logged error and the one sent by hand. */
  static final int EXPECTED_EVENTS = 2;

  private Log4j2Example() {}

  public static void main(String[] args) throws InterruptedException {
    boolean passThrough = Arrays.asList(args).contains("--no-dsn");
    String dsn = System.getenv("SENTRY_DSN");
    LoopbackSentryReceiver localSentry = null;
    CountDownLatch received = new CountDownLatch(EXPECTED_EVENTS);
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
      // log4j2.xml is read when the first logger is created, so the DSN must be set before that
      System.setProperty("SENTRY_DSN", localSentry.dsn());
      say("No SENTRY_DSN set: events go to a local Sentry receiver at " + localSentry.dsn());
      say("(set SENTRY_DSN to send them to your Sentry project instead)");
    } else {
      say("Sending events to the Sentry project of SENTRY_DSN " + Dsns.mask(dsn));
    }
    StatusLogger.getLogger().registerListener(new SentryBridgeStatusPrinter());

    new CheckoutJob().run();

    boolean flushed = SentryBridge.service().flush(Duration.ofSeconds(10));
    if (localSentry != null) {
      if (!received.await(10, TimeUnit.SECONDS)) {
        say("only " + (EXPECTED_EVENTS - received.getCount()) + " of " + EXPECTED_EVENTS
            + " events arrived at the local receiver");
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
