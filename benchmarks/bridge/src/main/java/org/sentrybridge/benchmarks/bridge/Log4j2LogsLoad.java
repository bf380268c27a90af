package org.sentrybridge.benchmarks.bridge;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.benchmarks.LogsLoad;
import org.sentrybridge.benchmarks.scenario.Log4j2LogsMain;

/**
 * The Sentry Logs load through the sentry-bridge Log4j2 appender; argument: {@code sustained} or
 * {@code overload} (see {@link LogsLoad}).
 */
public final class Log4j2LogsLoad {

  private Log4j2LogsLoad() {}

  public static void main(String[] args) throws InterruptedException {
    List<String> warnings = new CopyOnWriteArrayList<>();
    StatusLogger.getLogger().registerListener(new WarningsKept(warnings));
    Log4j2LogsMain.run(
        args,
        "log4j2 bridge",
        "log4j2-bridge-logs.xml",
        timeout -> SentryBridge.find().ifPresent(service -> service.flush(timeout)),
        () -> List.copyOf(warnings));
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
