package org.sentrybridge.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.spring.Events.withException;

import org.junit.jupiter.api.Test;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.ChildJvm;

/**
 * A real DevTools restart (its {@code Restarter}, in a JVM of its own, on the logging system of
 * the subclass): the restarted application joins the integration of the first run, one SDK
 * throughout, and the final close stops it.
 */
abstract class DevToolsRestartCase {

  @Test
  void errorsBeforeAndAfterARestartArriveThroughOneSdkClosedAtTheFinalClose() throws Exception {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      ChildJvm child = ChildJvm.run(DevToolsRestartApp.class, receiver.dsn());
      assertThat(child.exitCode).as(child.output).isZero();
      assertThat(child.output)
          .contains("run 1 in org.springframework.boot.devtools.restart.classloader.RestartClassLoader")
          .contains("run 2 in org.springframework.boot.devtools.restart.classloader.RestartClassLoader")
          .contains("SDK client of run 1: io.sentry.SentryClient")
          .contains("same SDK client after the restart: true")
          .contains("same SDK options after the restart: true")
          .contains("SDK enabled after the final close: false")
          .contains("sentry-bridge running after the final close: false");
      // the child has exited: what it delivered is here, nothing more will come
      assertThat(receiver.events(withException(DevToolsRestartApp.BEFORE))).as(child.output).hasSize(1);
      assertThat(receiver.events(withException(DevToolsRestartApp.AFTER))).as(child.output).hasSize(1);
    }
  }
}
