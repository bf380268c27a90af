package org.sentrybridge.devserver;

import java.util.concurrent.CountDownLatch;

/**
 * A local stand-in for Sentry: starts a {@link LoopbackSentryReceiver}, prints the DSN to give an
 * application, then prints a {@link EventSummary summary} of every event it receives until the
 * process is stopped (Ctrl+C).
 *
 * <pre>java -cp ... org.sentrybridge.devserver.DevServer</pre>
 */
public final class DevServer {

  private DevServer() {}

  public static void main(String[] args) throws InterruptedException {
    LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
    receiver.onEvent(event -> System.out.println(EventSummary.format(event)));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  receiver.close();
                  stopped.countDown();
                },
                "devserver-shutdown"));
    System.out.println("Local Sentry receiver listening. Point your application at it with:");
    System.out.println("  SENTRY_DSN=" + receiver.dsn());
    System.out.println("Every event it receives is printed below. Stop with Ctrl+C.");
    stopped.await();
  }
}
