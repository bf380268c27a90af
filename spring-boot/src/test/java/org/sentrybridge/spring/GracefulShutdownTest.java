package org.sentrybridge.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.spring.Events.withException;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.ChildJvm;

/** SIGTERM while a request runs: the error it logs during the graceful shutdown is delivered. */
@DisabledIfSystemProperty(named = "sentrybridge.test.logging", matches = "log4j2")
class GracefulShutdownTest {

  @Test
  void anErrorLoggedByARequestAfterSigtermIsDelivered() throws Exception {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      ChildJvm child = ChildJvm.run(Map.of(), GracefulShutdownApp.class, receiver.dsn());
      assertThat(child.output).contains("slow request answered 200");
      // the child has exited: what it delivered is here, nothing more will come
      assertThat(receiver.events(withException("error logged by a request during the graceful shutdown")))
          .as(child.output)
          .hasSize(1);
    }
  }
}
