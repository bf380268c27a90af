package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.logback.LogbackFixture.WAIT;

import ch.qos.logback.classic.Logger;
import io.sentry.SentryEvent;
import io.sentry.protocol.SentryException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.SentryService;
import org.slf4j.MDC;

/** Behind an AsyncAppender, and when the delivery thread itself logs. */
class ThreadingTest {

  @RegisterExtension final LogbackFixture logging = new LogbackFixture();

  @Test
  void behindAsyncAppenderMdcAndThreadNameComeFromTheLoggingEvent() throws InterruptedException {
    logging.open("async.xml");
    Logger log = logging.logback.logger("com.example.checkout");
    Thread requestThread =
        new Thread(
            () -> {
              MDC.put("requestId", "r-99");
              StringBuilder cart = new StringBuilder("3 items");
              try {
                log.error("request failed with cart {}", cart, new IllegalStateException("boom"));
                cart.setLength(0); // the caller reuses its objects right away
                cart.append("changed after logging");
              } finally {
                MDC.clear();
              }
            },
            "http-request-7");
    requestThread.start();
    requestThread.join();

    SentryEvent event = logging.receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.getExtra("thread_name")).isEqualTo("http-request-7");
    assertThat(event.getThreads()).extracting(t -> t.getName()).containsExactly("http-request-7");
    assertThat(EventFieldsTest.asMap(event.getContexts().get("MDC")))
        .containsEntry("requestId", "r-99");
    assertThat(event.getMessage().getFormatted()).isEqualTo("request failed with cart 3 items");
  }

  @Test
  void whatIsLoggedWhileSendingNeverBecomesAnEvent() {
    logging.open("defaults.xml");
    Logger log = logging.logback.logger("com.example.checkout");
    SentryService service = SentryBridge.find().orElseThrow();
    AtomicReference<String> configuratorThread = new AtomicReference<>();

    // the configurator runs on the delivery thread: what it logs must not loop back
    service.sendError(
        new IllegalStateException("sent by hand"),
        (scope, scopes) -> {
          configuratorThread.set(Thread.currentThread().getName());
          log.error("logged while sending", new IllegalStateException("inner"));
        });
    logging.logback.logger("io.sentry.transport.AsyncHttpTransport")
        .error("sdk trouble", new IllegalStateException("sdk"));
    logging.logback.logger("org.sentrybridge.delivery.DeliveryPipeline")
        .error("bridge trouble", new IllegalStateException("bridge"));
    log.error("application error", new IllegalStateException("app"));

    logging.receiver.awaitEvents(2, WAIT);
    logging.logback.close();
    assertThat(configuratorThread.get()).startsWith("sentry-bridge-delivery");
    assertThat(logging.receiver.events())
        .flatExtracting(SentryEvent::getExceptions)
        .extracting(SentryException::getValue)
        .containsExactlyInAnyOrder("sent by hand", "app");
  }
}
