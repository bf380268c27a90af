package org.sentrybridge.benchmarks.bridge;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.benchmarks.LogsLoad;
import org.sentrybridge.devserver.LoopbackSentryReceiver;

/**
 * The Sentry Logs load through the sentry-bridge Log4j2 appender; argument: {@code sustained} or
 * {@code overload} (see {@link LogsLoad}).
 */
public final class Log4j2LogsLoad {

  private Log4j2LogsLoad() {}

  public static void main(String[] args) throws InterruptedException {
    String scenario = args.length > 0 ? args[0] : "sustained";
    List<String> warnings = new CopyOnWriteArrayList<>();
    StatusLogger.getLogger().registerListener(new WarningsKept(warnings));
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      System.setProperty("bench.dsn", receiver.dsn());
      System.setProperty("log4j2.configurationFile", "log4j2-bridge-logs.xml");
      Logger log = LogManager.getLogger("bench.Checkout");
      LogsLoad.run(
          scenario,
          "log4j2 bridge",
          receiver,
          new LogsLoad.Backend() {
            @Override
            public LogsLoad.LineLogger logger() {
              return log::info;
            }

            @Override
            public void flush(Duration timeout) {
              SentryBridge.find().ifPresent(service -> service.flush(timeout));
            }

            @Override
            public void stop() {
              LogManager.shutdown();
            }

            @Override
            public long reportedDrops() {
              long dropped = 0;
              for (String warning : warnings) {
                Matcher counted = LogbackLogsLoad.DROPPED.matcher(warning);
                if (counted.find()) {
                  dropped += Long.parseLong(counted.group(1));
                }
              }
              return dropped;
            }
          });
    }
  }

  private static final class WarningsKept implements StatusListener {
    private final List<String> warnings;

    WarningsKept(List<String> warnings) {
      this.warnings = warnings;
    }

    @Override
    public void log(StatusData data) {
      if (data.getLevel() == Level.WARN) {
        warnings.add(data.getMessage().getFormattedMessage());
      }
    }

    @Override
    public Level getStatusLevel() {
      return Level.WARN;
    }

    @Override
    public void close() {}
  }
}
