package org.sentrybridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.ITransaction;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.protocol.User;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.RecordingStatusReporter;
import org.sentrybridge.testing.Requests;

class ScopeAndMetadataTest {

  @TempDir Path buffer;

  @Test
  void aTagSetForOneErrorIsAbsentFromTheNext() {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        SentryService service =
            SentryBridge.start(
                BridgeSettings.builder().dsn(receiver.dsn()).bufferDir(buffer).build(),
                new RecordingStatusReporter())) {
      service.sendError(new IllegalStateException("first"), (scope, scopes) -> scope.setTag("order", "42"));
      service.sendError(new IllegalArgumentException("second"));

      List<SentryEvent> events = receiver.awaitEvents(2, Duration.ofSeconds(20));
      SentryEvent first = byMessage(events, "first");
      SentryEvent second = byMessage(events, "second");
      assertThat(first.getTag("order")).isEqualTo("42");
      assertThat(second.getTag("order")).isNull();
    }
  }

  @Test
  void whatAConfiguratorWritesIntoItsScopesStaysWithItsOwnEvent() throws Exception {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        SentryService service =
            SentryBridge.start(
                BridgeSettings.builder().dsn(receiver.dsn()).bufferDir(buffer).build(),
                new RecordingStatusReporter())) {
      // fresh threads: their Sentry scope holds nothing but its trace
      Thread first =
          new Thread(
              () ->
                  service.sendError(
                      new IllegalStateException("configured"),
                      (scope, scopes) -> scopes.setTag("written-through-scopes", "yes")));
      first.start();
      first.join();
      receiver.awaitEvents(1, Duration.ofSeconds(20));
      Thread second = new Thread(() -> service.sendError(new IllegalStateException("plain")));
      second.start();
      second.join();

      List<SentryEvent> events = receiver.awaitEvents(2, Duration.ofSeconds(20));
      assertThat(byMessage(events, "configured")).isNotNull();
      assertThat(byMessage(events, "plain").getTag("written-through-scopes")).isNull();
    }
  }

  @Test
  void sendMetadataFalseSendsOnlyTheErrorAndTheUsersScope() {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        SentryService service =
            SentryBridge.start(
                BridgeSettings.builder()
                    .dsn(receiver.dsn())
                    .bufferDir(buffer)
                    .sendMetadata(false)
                    .build(),
                new RecordingStatusReporter())) {
      service.sendError(new IllegalStateException("bare"), (scope, scopes) -> scope.setTag("mine", "yes"));

      SentryEvent event = receiver.awaitEvents(1, Duration.ofSeconds(20)).get(0);
      assertThat(event.getExceptions().get(0).getValue()).isEqualTo("bare");
      assertThat(event.getTag("mine")).isEqualTo("yes");
      assertThat(event.getContexts().getOperatingSystem()).isNull();
      assertThat(event.getContexts().getRuntime()).isNull();
      assertThat(event.getServerName()).isNull();
      assertThat(event.getExtra("thread_name")).isNull();
      assertThat(event.getThreads()).isNullOrEmpty();
      assertThat(event.getUser()).isNull();
    }
  }

  @Test
  void metadataDescribesTheCallingThreadNotTheDeliveryThread() throws Exception {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        SentryService service =
            SentryBridge.start(
                BridgeSettings.builder().dsn(receiver.dsn()).bufferDir(buffer).build(),
                new RecordingStatusReporter())) {
      Thread caller = new Thread(() -> service.sendError(new IllegalStateException("where")), "checkout-worker");
      caller.start();
      caller.join();

      SentryEvent event = receiver.awaitEvents(1, Duration.ofSeconds(20)).get(0);
      assertThat(event.getExtra("thread_name")).isEqualTo("checkout-worker");
      assertThat(event.getThreads()).singleElement().satisfies(t -> assertThat(t.getName()).isEqualTo("checkout-worker"));
      assertThat(event.getContexts().getOperatingSystem().getName()).isEqualTo(System.getProperty("os.name"));
    }
  }

  @Test
  void sendErrorCarriesItsCallersScopeWithTheConfiguratorOnTop() {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        SentryService service =
            SentryBridge.start(
                BridgeSettings.builder()
                    .dsn(receiver.dsn())
                    .bufferDir(buffer)
                    .init("tracesSampleRate", "1.0")
                    .build(),
                new RecordingStatusReporter())) {
      AtomicReference<ITransaction> transaction = new AtomicReference<>();
      Requests.onNewThread(
          "caller",
          () -> {
            Sentry.setTag("tenant", "acme");
            Sentry.setTag("order", "1");
            User user = new User();
            user.setId("u-3");
            Sentry.setUser(user);
            Sentry.addBreadcrumb("cart opened");
            transaction.set(Requests.startTransaction("checkout", "task"));
            service.sendError(
                new IllegalStateException("by hand"), (scope, scopes) -> scope.setTag("order", "42"));
            transaction.get().finish();
          });
      Requests.onNewThread("other", () -> service.sendError(new IllegalStateException("other")));

      List<SentryEvent> events = receiver.awaitEvents(2, Duration.ofSeconds(20));
      SentryEvent event = byMessage(events, "by hand");
      assertThat(event.getTags()).containsEntry("tenant", "acme").containsEntry("order", "42");
      assertThat(event.getUser().getId()).isEqualTo("u-3");
      assertThat(event.getBreadcrumbs()).extracting(b -> b.getMessage()).containsExactly("cart opened");
      assertThat(event.getTransaction()).isEqualTo("checkout");
      assertThat(event.getContexts().getTrace().getTraceId())
          .isEqualTo(transaction.get().getSpanContext().getTraceId());
      SentryEvent other = byMessage(events, "other");
      assertThat(other.getTag("tenant")).isNull();
      assertThat(other.getUser() == null ? null : other.getUser().getId()).isNull();
      assertThat(other.getContexts().getTrace().getData()).containsEntry("thread.name", "other");
    }
  }

  private static SentryEvent byMessage(List<SentryEvent> events, String message) {
    return events.stream()
        .filter(e -> message.equals(e.getExceptions().get(0).getValue()))
        .findFirst()
        .orElseThrow();
  }
}
