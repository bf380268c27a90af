package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.logback.LogbackFixture.WAIT;

import io.sentry.SentryEvent;
import io.sentry.protocol.SentryId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.event.EventFactory;
import org.slf4j.MDC;

/** sendError takes the caller's MDC, as a logged error does, with the appender's rules. */
class SendErrorContextTest {

  @RegisterExtension final LogbackFixture logging = new LogbackFixture();

  @Test
  void sendErrorOnAThreadWithMdcCarriesItsTagsUserAndContext() {
    logging.open("full-event.xml");
    MDC.put("request.id", "r-99");
    MDC.put("tenant", "acme");
    MDC.put("cart", "3 items");
    MDC.put("userId", "u-42");
    MDC.put("userEmail", "ann@example.com");

    SentryId id = SentryBridge.service().sendError(new IllegalStateException("sent by hand"));

    SentryEvent event = logging.receiver.awaitEvent(e -> id.equals(e.getEventId()), WAIT);
    assertThat(event.getTag("request.id")).isEqualTo("r-99");
    assertThat(event.getTag("tenant")).isEqualTo("acme");
    assertThat(event.getUser().getId()).isEqualTo("u-42");
    assertThat(event.getUser().getEmail()).isEqualTo("ann@example.com");
    @SuppressWarnings("unchecked")
    Map<String, Object> mdc = (Map<String, Object>) event.getContexts().get(EventFactory.MDC_CONTEXT);
    assertThat(mdc).containsEntry("cart", "3 items").doesNotContainKeys("request.id", "tenant");
  }

  @Test
  void theMdcIsReadOnTheCallersThreadAtTheCallAndTheConfiguratorHasTheLastWord() {
    logging.open("full-event.xml");
    MDC.put("request.id", "r-1");
    MDC.put("userId", "u-1");

    SentryId id =
        SentryBridge.service()
            .sendError(
                new IllegalStateException("sent by hand"),
                (scope, scopes) -> scope.setTag("request.id", "set by the caller"));
    MDC.clear(); // after the call: the event keeps what the MDC held during it

    SentryEvent event = logging.receiver.awaitEvent(e -> id.equals(e.getEventId()), WAIT);
    assertThat(event.getTag("request.id")).isEqualTo("set by the caller");
    assertThat(event.getUser().getId()).isEqualTo("u-1");
  }

  @Test
  void withoutMdcNothingIsAdded() {
    logging.open("full-event.xml");

    SentryId id = SentryBridge.service().sendError(new IllegalStateException("sent by hand"));

    SentryEvent event = logging.receiver.awaitEvent(e -> id.equals(e.getEventId()), WAIT);
    assertThat(event.getTag("request.id")).isNull();
    assertThat(event.getContexts().get(EventFactory.MDC_CONTEXT)).isNull();
    assertThat(event.getUser() == null || event.getUser().getId() == null).isTrue();
  }
}
