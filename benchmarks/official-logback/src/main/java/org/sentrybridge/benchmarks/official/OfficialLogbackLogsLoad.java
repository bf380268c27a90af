package org.sentrybridge.benchmarks.official;

import ch.qos.logback.classic.LoggerContext;
import io.sentry.Sentry;
import java.time.Duration;
import org.sentrybridge.benchmarks.LogsLoad;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sentry Logs load through the official sentry-logback appender; argument: {@code sustained}
 * or {@code overload} (see {@link LogsLoad}). It reports no drops.
 */
public final class OfficialLogbackLogsLoad {

  private OfficialLogbackLogsLoad() {}

  public static void main(String[] args) throws InterruptedException {
    String scenario = args.length > 0 ? args[0] : "sustained";
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      System.setProperty("bench.dsn", receiver.dsn());
      System.setProperty("logback.configurationFile", "logback-official-logs.xml");
      Logger log = LoggerFactory.getLogger("bench.Checkout");
      LogsLoad.run(
          scenario,
          "logback official",
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
              ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
            }

            @Override
            public long reportedDrops() {
              return -1;
            }
          });
    }
  }
}
