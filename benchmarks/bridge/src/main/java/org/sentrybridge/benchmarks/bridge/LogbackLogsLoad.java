package org.sentrybridge.benchmarks.bridge;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.benchmarks.LogsLoad;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sentry Logs load through the sentry-bridge Logback appender; argument: {@code sustained} or
 * {@code overload} (see {@link LogsLoad}).
 */
public final class LogbackLogsLoad {

  static final Pattern DROPPED =
      Pattern.compile("\\b(\\d+) log entr(?:y|ies) (?:dropped|rejected by Sentry): ");

  private LogbackLogsLoad() {}

  public static void main(String[] args) throws InterruptedException {
    String scenario = args.length > 0 ? args[0] : "sustained";
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      System.setProperty("bench.dsn", receiver.dsn());
      System.setProperty("logback.configurationFile", "logback-bridge-logs.xml");
      Logger log = LoggerFactory.getLogger("bench.Checkout");
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      LogsLoad.run(
          scenario,
          "logback bridge",
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
              context.stop();
            }

            @Override
            public long reportedDrops() {
              long dropped = 0;
              for (Status status : context.getStatusManager().getCopyOfStatusList()) {
                Matcher counted = DROPPED.matcher(status.getMessage());
                if (status.getLevel() == Status.WARN && counted.find()) {
                  dropped += Long.parseLong(counted.group(1));
                }
              }
              return dropped;
            }
          });
    }
  }
}
