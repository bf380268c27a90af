package org.sentrybridge.benchmarks.official;

import io.sentry.Sentry;
import java.time.Duration;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.sentrybridge.benchmarks.LogsLoad;
import org.sentrybridge.devserver.LoopbackSentryReceiver;

/**
 * The Sentry Logs load through the official sentry-log4j2 appender; argument: {@code sustained} or
 * {@code overload} (see {@link LogsLoad}). It reports no drops.
 */
public final class OfficialLog4j2LogsLoad {

  private OfficialLog4j2LogsLoad() {}

  public static void main(String[] args) throws InterruptedException {
    String scenario = args.length > 0 ? args[0] : "sustained";
    System.setProperty("sentry.logs.enabled", "true"); // read by the SDK's external options
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      System.setProperty("bench.dsn", receiver.dsn());
      System.setProperty("log4j2.configurationFile", "log4j2-official-logs.xml");
      Logger log = LogManager.getLogger("bench.Checkout");
      LogsLoad.run(
          scenario,
          "log4j2 official",
          receiver,
          new LogsLoad.Backend() {
            @Override
            public LogsLoad.LineLogger logger() {
              return log::info;
            }

            @Override
            public void flush(Duration timeout) {
              Sentry.flush(timeout.toMillis());
            }

            @Override
            public void stop() {
              LogManager.shutdown();
            }

            @Override
            public long reportedDrops() {
              return -1;
            }
          });
    }
  }
}
