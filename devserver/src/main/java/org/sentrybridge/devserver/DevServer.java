package org.sentrybridge.devserver;

import java.util.concurrent.CountDownLatch;

/**
 * A local stand-in for Sentry: starts a {@link LoopbackSentryReceiver}, prints the DSN to give an
 * application, then prints a {@link EventSummary summary} of every event it receives until the
 * process is stopped (Ctrl+C).
 *
 * <pre>
 * mvn -B -ntp -q -pl devserver compile exec:java -Ddevserver.skip=false
 * mvn -B -ntp -q -pl devserver compile exec:java -Ddevserver.skip=false -Dexec.args="--port 9000"
 * java -cp ... org.sentrybridge.devserver.DevServer [--port N]
 * </pre>
 *
 * <p>The port is fixed ({@value #DEFAULT_PORT} unless {@code --port} says otherwise), so the DSN
 * stays the same across restarts: an application keeps its DSN, and the events it kept on disk
 * while the receiver was down (its buffer directory depends on the DSN) are delivered once the
 * receiver is back.
 */
public final class DevServer {

  /** The port when no {@code --port} is given. */
  public static final int DEFAULT_PORT = 8979;

  static final String USAGE =
      "usage: DevServer [--port N]   (default "
          + DEFAULT_PORT
          + "; 0 picks any free port, which changes the DSN at every start)";

  private DevServer() {}

  /**
   * Starts the receiver and prints what arrives until the process is stopped.
   *
   * @param args {@code --port N} (or {@code --port=N}); {@code --help} prints the usage
   * @throws InterruptedException when interrupted while waiting to be stopped
   */
  public static void main(String[] args) throws InterruptedException {
    int port;
    try {
      port = port(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (port < 0) {
      System.out.println(USAGE);
      return;
    }
    LoopbackSentryReceiver receiver;
    try {
      receiver = LoopbackSentryReceiver.start(port);
    } catch (IllegalStateException e) {
      System.err.println(
          "Port " + port + " on 127.0.0.1 is in use (" + e.getCause() + "): is a receiver already"
              + " running? Otherwise start with --port and another port.");
      System.exit(1);
      return;
    }
    receiver.onEvent(event -> System.out.println(EventSummary.format(event)));
    receiver.onLog(log -> System.out.println(EventSummary.format(log)));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  receiver.close();
                  stopped.countDown();
                },
                "devserver-shutdown"));
    System.out.println("Local Sentry receiver listening on 127.0.0.1:" + receiver.port() + ".");
    System.out.println("Point your application at it with this DSN:");
    System.out.println();
    System.out.println("  SENTRY_DSN=" + receiver.dsn());
    System.out.println();
    System.out.println("Every event it receives is printed below. Stop with Ctrl+C.");
    stopped.await();
  }

  /**
   * The port the arguments ask for.
   *
   * @return the port, {@link #DEFAULT_PORT} when none is given, -1 for {@code --help}
   * @throws IllegalArgumentException for an unknown argument or a port that is not 0 to 65535
   */
  static int port(String... args) {
    int port = DEFAULT_PORT;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value;
      if (arg.equals("--help") || arg.equals("-h")) {
        return -1;
      } else if (arg.equals("--port")) {
        if (i + 1 == args.length) {
          throw new IllegalArgumentException("--port needs a number");
        }
        value = args[++i];
      } else if (arg.startsWith("--port=")) {
        value = arg.substring("--port=".length());
      } else {
        throw new IllegalArgumentException("unknown argument '" + arg + "'");
      }
      try {
        port = Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--port: '" + value + "' is not a number");
      }
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("--port: " + port + " is not a port (0 to 65535)");
      }
    }
    return port;
  }
}
