package org.sentrybridge.benchmarks.bridge;

import ch.qos.logback.classic.LoggerContext;
import org.sentrybridge.benchmarks.DeliveryBurst;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The delivery burst through the sentry-bridge Logback appender. */
public final class LogbackBurst {

  private LogbackBurst() {}

  public static void main(String[] args) throws InterruptedException {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      System.setProperty("bench.dsn", receiver.dsn());
      System.setProperty("logback.configurationFile", "logback-bridge-enabled.xml");
      Logger log = LoggerFactory.getLogger("bench.Burst");
      DeliveryBurst.run("logback", "bridge-enabled", receiver, log::error);
      ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }
  }
}
