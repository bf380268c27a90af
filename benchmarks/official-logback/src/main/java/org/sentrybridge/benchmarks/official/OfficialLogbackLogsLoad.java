package org.sentrybridge.benchmarks.official;

import io.sentry.Sentry;
import org.sentrybridge.benchmarks.LogsLoad;
import org.sentrybridge.benchmarks.scenario.LogbackLogsMain;

/**
 * The Sentry Logs load through the official sentry-logback appender; argument: {@code sustained}
 * or {@code overload} (see {@link LogsLoad}). It reports no drops.
 */
public final class OfficialLogbackLogsLoad {

  private OfficialLogbackLogsLoad() {}

  public static void main(String[] args) throws InterruptedException {
    LogbackLogsMain.run(
        args,
        "logback official",
        "logback-official-logs.xml",
        timeout -> Sentry.flush(timeout.toMillis()),
        null);
  }
}
