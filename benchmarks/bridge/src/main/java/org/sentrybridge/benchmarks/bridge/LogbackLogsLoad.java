package org.sentrybridge.benchmarks.bridge;

import ch.qos.logback.core.status.Status;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.benchmarks.LogsLoad;
import org.sentrybridge.benchmarks.scenario.LogbackLogsMain;

/**
 * The Sentry Logs load through the sentry-bridge Logback appender; argument: {@code sustained} or
 * {@code overload} (see {@link LogsLoad}).
 */
public final class LogbackLogsLoad {

  private LogbackLogsLoad() {}

  public static void main(String[] args) throws InterruptedException {
    LogbackLogsMain.run(
        args,
        "logback bridge",
        "logback-bridge-logs.xml",
        timeout -> SentryBridge.find().ifPresent(service -> service.flush(timeout)),
        context ->
            context.getStatusManager().getCopyOfStatusList().stream()
                .filter(status -> status.getLevel() == Status.WARN)
                .map(Status::getMessage)
                .toList());
  }
}
