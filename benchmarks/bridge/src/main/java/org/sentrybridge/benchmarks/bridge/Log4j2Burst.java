package org.sentrybridge.benchmarks.bridge;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.sentrybridge.benchmarks.DeliveryBurst;
import org.sentrybridge.devserver.LoopbackSentryReceiver;

/** The delivery burst through the sentry-bridge Log4j2 appender. */
public final class Log4j2Burst {

  private Log4j2Burst() {}

  public static void main(String[] args) throws InterruptedException {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      System.setProperty("bench.dsn", receiver.dsn());
      System.setProperty("log4j2.configurationFile", "log4j2-bridge-enabled.xml");
      Logger log = LogManager.getLogger("bench.Burst");
      DeliveryBurst.run("log4j2", "bridge-enabled", receiver, log::error);
      LogManager.shutdown();
    }
  }
}
