package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.log4j2.LoggingFixture.WAIT;

import io.sentry.SentryEvent;
import io.sentry.protocol.SentryId;
import io.sentry.protocol.User;
import java.nio.file.Path;
import java.util.Map;
import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.event.EventFactory;

/** sendError takes the caller's ThreadContext, as a logged error does, with the appender's rules. */
class SendErrorContextTest {

  @TempDir Path buffer;
  private LoggingFixture logging;

  @BeforeEach
  void start() {
    logging = LoggingFixture.start("log4j2-test-fields.xml", buffer);
  }

  @AfterEach
  void stop() {
    logging.close();
  }

  @Test
  void sendErrorOnAThreadWithThreadContextCarriesItsTagsUserAndContext() {
    ThreadContext.put("request.id", "r-99");
    ThreadContext.put("tenant", "acme");
    ThreadContext.put("session", "s-1");
    ThreadContext.put("userId", "u-42");
    ThreadContext.put("userEmail", "ann@example.com");

    SentryId id = SentryBridge.service().sendError(new IllegalStateException("sent by hand"));
    ThreadContext.clearMap(); // after the call: the event keeps what was there during it

    SentryEvent event = logging.receiver.awaitEvent(e -> id.equals(e.getEventId()), WAIT);
    assertThat(event.getTag("request.id")).isEqualTo("r-99");
    assertThat(event.getTag("tenant")).isEqualTo("acme");
    assertThat(event.getUser().getId()).isEqualTo("u-42");
    assertThat(event.getUser().getEmail()).isEqualTo("ann@example.com");
    @SuppressWarnings("unchecked")
    Map<String, Object> mdc = (Map<String, Object>) event.getContexts().get(EventFactory.MDC_CONTEXT);
    assertThat(mdc).containsEntry("session", "s-1").doesNotContainKeys("request.id", "tenant");
  }

  @Test
  void theConfiguratorHasTheLastWord() {
    ThreadContext.put("userId", "u-1");

    SentryId id =
        SentryBridge.service()
            .sendError(
                new IllegalStateException("sent by hand"),
                (scope, scopes) -> {
                  User user = new User();
                  user.setId("set by the caller");
                  scope.setUser(user);
                });

    SentryEvent event = logging.receiver.awaitEvent(e -> id.equals(e.getEventId()), WAIT);
    assertThat(event.getUser().getId()).isEqualTo("set by the caller");
  }
}
