package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.log4j2.LoggingFixture.WAIT;

import io.sentry.Breadcrumb;
import io.sentry.SentryEvent;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload (Configurator.reconfigure, monitorInterval) must not restart Sentry nor lose events. */
class ReconfigurationTest {

  private static final String ENGINE_STARTED = "sentry-bridge sends errors to";

  @TempDir Path buffer;
  private LoggingFixture logging;

  @BeforeEach
  void start() {
    logging = LoggingFixture.start("log4j2-test-reconfigure.xml", buffer);
  }

  @AfterEach
  void stop() {
    logging.close();
  }

  @Test
  void reloadingTheSameConfigurationKeepsTheManagerAndItsBreadcrumbs() throws Exception {
    SentryAppender before = logging.appender("Sentry");
    logging.context.getLogger("reload.same").warn("warned before the reload");

    reconfigure("log4j2-test-reconfigure.xml");

    SentryAppender after = logging.appender("Sentry");
    assertThat(after).isNotSameAs(before);
    assertThat(after.manager()).isSameAs(before.manager());
    assertThat(before.isStopped()).isTrue();
    before.stop();
    assertThat(after.manager().forwarder().isEnabled())
        .as("stopping the old appender again leaves the shared manager alone").isTrue();
    logging.context.getLogger("reload.same").error("after the reload", new IllegalStateException());

    SentryEvent event = logging.receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.getBreadcrumbs()).extracting(Breadcrumb::getMessage)
        .contains("warned before the reload");
    assertThat(logging.status.messagesContaining(ENGINE_STARTED)).hasSize(1);
  }

  @Test
  void changedConfigurationJoinsTheRunningSdkAndLosesNothing() throws Exception {
    SentryAppender before = logging.appender("Sentry");
    Logger logger = logging.context.getLogger("reload.changed");
    ThreadContext.put("request.id", "r-reload");
    for (int i = 0; i < 25; i++) {
      logger.error("before-" + i, new IllegalStateException("b" + i));
    }

    reconfigure("log4j2-test-reconfigured.xml");

    assertThat(logging.appender("Sentry").manager()).isNotSameAs(before.manager());
    for (int i = 0; i < 25; i++) {
      logger.error("after-" + i, new IllegalStateException("a" + i));
    }

    List<SentryEvent> events = logging.receiver.awaitEvents(50, WAIT);
    List<String> messages =
        events.stream().map(e -> e.getMessage().getFormatted()).collect(Collectors.toList());
    for (int i = 0; i < 25; i++) {
      assertThat(messages).contains("before-" + i, "after-" + i);
    }
    assertThat(messages).doesNotHaveDuplicates();
    // the reloaded settings apply: request.id is a tag only after the reload
    assertThat(events).filteredOn(e -> e.getMessage().getFormatted().startsWith("after-"))
        .allSatisfy(e -> assertThat(e.getTag("request.id")).isEqualTo("r-reload"));
    assertThat(events).filteredOn(e -> e.getMessage().getFormatted().startsWith("before-"))
        .allSatisfy(e -> assertThat(e.getTag("request.id")).isNull());
    assertThat(logging.status.messagesContaining(ENGINE_STARTED)).hasSize(1);
    assertThat(logging.status.messagesContaining("are lost")).isEmpty();
  }

  @Test
  void processWideSettingsChangedByAReloadAreReportedAndTheRunningSdkIsKept() throws Exception {
    reconfigure("log4j2-test-other-settings.xml");
    logging.context.getLogger("reload.settings").error("after", new IllegalStateException());

    assertThat(logging.receiver.awaitEvents(1, WAIT)).hasSize(1);
    assertThat(logging.status.messagesContaining("already runs with other settings"))
        .singleElement()
        .satisfies(line -> assertThat(line)
            .contains("sendMetadata: false (running: true); dedupeWindow: 30s (running: 60s)"));
    assertThat(logging.status.messagesContaining(ENGINE_STARTED)).hasSize(1);
  }

  @Test
  void stoppingLog4jDeliversWhatWasQueued() {
    SentryAppender appender = logging.appender("Sentry");
    Logger logger = logging.context.getLogger("stop.flush");
    for (int i = 0; i < 20; i++) {
      logger.error("queued-" + i, new IllegalStateException());
    }

    logging.stopLogging();

    // no waiting: stop() returns only after the queue was delivered
    assertThat(logging.receiver.events()).hasSize(20);
    assertThat(appender.isStopped()).isTrue();
    assertThat(appender.manager().forwarder().isEnabled()).isFalse();
  }

  private void reconfigure(String resource) throws URISyntaxException {
    Configuration old = logging.context.getConfiguration();
    URI location = getClass().getResource("/" + resource).toURI();
    Configurator.reconfigure(location);
    assertThat(logging.context.getConfiguration()).isNotSameAs(old);
  }
}
