package org.sentrybridge.benchmarks.scenario;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.List;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.sentrybridge.benchmarks.LogsLoad;
import org.sentrybridge.devserver.LoopbackSentryReceiver;

/**
 * The {@code main} of a {@link LogsLoad} module on Log4j2: starts the loopback receiver, configures
 * Log4j2 from a file that reads its DSN from {@code bench.dsn} and runs the scenario. Log4j2 is the
 * benchmark module's own (it is only {@code provided} here).
 */
public final class Log4j2LogsMain {

  private Log4j2LogsMain() {}

  /**
   * Runs the load through Log4j2 configured by {@code configurationFile}.
   *
   * @param args the program arguments: the scenario, {@code sustained} or {@code overload}
   * @param setup the name of the setup in the printed figures
   * @param configurationFile the Log4j2 configuration on the class path
   * @param flush flushes the Sentry integration, waiting up to the given time
   * @param dropWarnings the integration's warnings, read after the stop; null when it reports no
   *     drops
   * @throws InterruptedException if interrupted while waiting for the logging threads
   */
  public static void run(
      String[] args,
      String setup,
      String configurationFile,
      Consumer<Duration> flush,
      Supplier<List<String>> dropWarnings)
      throws InterruptedException {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      System.setProperty("bench.dsn", receiver.dsn());
      System.setProperty("log4j2.configurationFile", configurationFile);
      Logger log = LogManager.getLogger("bench.Checkout");
      LogsLoad.run(
          LogsLoad.scenario(args),
          setup,
          receiver,
          LogsLoad.backend(log::info, flush, LogManager::shutdown, dropWarnings));
    }
  }
}
