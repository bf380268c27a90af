package org.sentrybridge.benchmarks.official;

import io.sentry.Sentry;
import org.sentrybridge.benchmarks.LogsLoad;
import org.sentrybridge.benchmarks.scenario.Log4j2LogsMain;

/**
 * The Sentry Logs load through the official sentry-log4j2 appender; argument: {@code sustained} or
 * {@code overload} (see {@link LogsLoad}). It reports no drops.
 */
public final class OfficialLog4j2LogsLoad {

  private OfficialLog4j2LogsLoad() {}

  public static void main(String[] args) throws InterruptedException {
    System.setProperty("sentry.logs.enabled", "true"); // read by the SDK's external options
    Log4j2LogsMain.run(
        args,
        "log4j2 official",
        "log4j2-official-logs.xml",
        timeout -> Sentry.flush(timeout.toMillis()),
        null);
  }
}
