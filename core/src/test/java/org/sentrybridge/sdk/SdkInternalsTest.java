package org.sentrybridge.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.ExternalOptions;
import io.sentry.Hint;
import io.sentry.ILogger;
import io.sentry.Sentry;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEvent;
import io.sentry.SentryIntegrationPackageStorage;
import io.sentry.SentryLevel;
import io.sentry.SentryOptions;
import io.sentry.hints.DiskFlushNotification;
import io.sentry.protocol.SentryId;
import io.sentry.transport.RateLimiter;
import io.sentry.util.HintUtils;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.sentrybridge.devserver.LoopbackSentryReceiver;

/**
 * What sentry-bridge uses of the SDK beyond its promises still works as expected. Runs with the SDK
 * of the build and, in CI, with the lowest and the newest supported version.
 */
class SdkInternalsTest {

  @Test
  void aRateLimitFromAnAnswerHoldsBackTheEnvelopesOfItsCategory() throws Exception {
    SentryOptions options = new SentryOptions();
    RateLimiter limiter = SdkInternals.rateLimiter(options);
    SentryEnvelope envelope = SentryEnvelope.from(options.getSerializer(), new SentryEvent(), null);

    assertThat(SdkInternals.allowed(limiter, envelope)).isSameAs(envelope);
    assertThat(SdkInternals.isAnyRateLimitActive(limiter)).isFalse();

    SdkInternals.applyAnswer(limiter, "60:error:organization", null, 429);

    assertThat(SdkInternals.isAnyRateLimitActive(limiter)).isTrue();
    assertThat(SdkInternals.allowed(limiter, envelope)).isNull();
  }

  @Test
  void markFlushedReachesTheHintsWaiter() {
    AtomicBoolean flushed = new AtomicBoolean();
    Hint hint = HintUtils.createWithTypeCheckHint(new DiskFlushNotification() {
      @Override
      public void markFlushed() {
        flushed.set(true);
      }

      @Override
      public boolean isFlushable(SentryId eventId) {
        return true;
      }

      @Override
      public void setFlushable(SentryId eventId) {}
    });

    SdkInternals.markFlushed(hint);
    SdkInternals.markFlushed(null);

    assertThat(flushed).isTrue();
  }

  @Test
  void theSdksParserReadsOptionsFromAProvider() {
    Properties properties = new Properties();
    properties.setProperty("environment", "staging");
    properties.setProperty("traces-sample-rate", "0.25");

    ExternalOptions options =
        SdkInternals.externalOptions(
            new io.sentry.config.PropertiesProvider() {
              @Override
              public String getProperty(String property) {
                return properties.getProperty(property);
              }

              @Override
              public java.util.Map<String, String> getMap(String property) {
                return java.util.Map.of();
              }
            });

    assertThat(options.getEnvironment()).isEqualTo("staging");
    assertThat(options.getTracesSampleRate()).isEqualTo(0.25);
    assertThat(SdkInternals.externalOptions()).isNotNull();
  }

  @Test
  void theIntegrationIsAnnounced() {
    SdkInternals.announce("SdkInternalsTest", "maven:org.example:sdk-internals-test", "1.2.3");

    assertThat(SentryIntegrationPackageStorage.getInstance().getIntegrations())
        .contains("SdkInternalsTest");
    assertThat(SentryIntegrationPackageStorage.getInstance().getPackages())
        .anySatisfy(p -> assertThat(p.getName()).isEqualTo("maven:org.example:sdk-internals-test"));
  }

  @Test
  void theSdksOwnSenderThreadsAreRecognised() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start()) {
      Sentry.init(
          options -> {
            options.setDsn(receiver.dsn());
            options.setDebug(true);
            options.setEnableShutdownHook(false);
            options.setLogger(new ThreadRecordingLogger(threads));
          });
      try {
        Sentry.captureMessage("from the SDK's own transport");
        Sentry.flush(10_000);
        assertThat(receiver.awaitEvents(1, Duration.ofSeconds(20))).hasSize(1);
      } finally {
        Sentry.close();
      }
    }

    assertThat(threads).anyMatch(SdkInternals::isSdkSenderThread);
    assertThat(SdkInternals.isSdkSenderThread(Thread.currentThread().getName())).isFalse();
  }

  /** Records the threads the SDK logs from; its transport logs each envelope it sends. */
  private record ThreadRecordingLogger(Set<String> threads) implements ILogger {
    @Override
    public void log(SentryLevel level, String message, Object... args) {
      threads.add(Thread.currentThread().getName());
    }

    @Override
    public void log(SentryLevel level, String message, Throwable throwable) {
      threads.add(Thread.currentThread().getName());
    }

    @Override
    public void log(SentryLevel level, Throwable throwable, String message, Object... args) {
      threads.add(Thread.currentThread().getName());
    }

    @Override
    public boolean isEnabled(SentryLevel level) {
      return true;
    }
  }
}
