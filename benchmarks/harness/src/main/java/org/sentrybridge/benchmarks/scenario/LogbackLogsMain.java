package org.sentrybridge.benchmarks.scenario;

import ch.qos.logback.classic.LoggerContext;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.List;
import java.util.function.Function;
import org.sentrybridge.benchmarks.LogsLoad;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code main} of a {@link LogsLoad} module on Logback: starts the loopback receiver,
 * configures Logback from a file that reads its DSN from {@code bench.dsn} and runs the scenario.
 * Logback is the benchmark module's own (it is only {@code provided} here).
 */
public final class LogbackLogsMain {

  private LogbackLogsMain() {}

  /**
   * Runs the load through Logback configured by {@code configurationFile}.
   *
   * @param args the program arguments: the scenario, {@code sustained} or {@code overload}
   * @param setup the name of the setup in the printed figures
   * @param configurationFile the Logback configuration on the class path
   * @param flush flushes the Sentry integration, waiting up to the given time
   * @param dropWarnings the integration's warnings, read from the stopped context; null when it
   *     reports no drops
   * @throws InterruptedException if interrupted while waiting for the logging threads
   */
  public static void run(
      String[] args,
      String setup,
      String configurationFile,
      Consumer<Duration> flush,
      Function<LoggerContext, List<String>> dropWarnings)
      throws InterruptedException {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      System.setProperty("bench.dsn", receiver.dsn());
      System.setProperty("logback.configurationFile", configurationFile);
      Logger log = LoggerFactory.getLogger("bench.Checkout");
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      LogsLoad.run(
          LogsLoad.scenario(args),
          setup,
          receiver,
          LogsLoad.backend(
              log::info,
              flush,
              context::stop,
              dropWarnings == null ? null : () -> dropWarnings.apply(context)));
    }
  }
}
