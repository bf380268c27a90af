package org.sentrybridge.internal;

import io.sentry.EventProcessor;
import io.sentry.ExternalOptions;
import io.sentry.Hint;
import io.sentry.ITransportFactory;
import io.sentry.JsonSerializer;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.User;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.config.Dsns;
import org.sentrybridge.config.SdkOptionCatalog;
import org.sentrybridge.outbox.OneWriteSerializer;
import org.sentrybridge.sdk.SdkInternals;

/**
 * Builds the SDK options from the settings and the SDK's usual sources, with this precedence:
 * explicit setting, then system property {@code sentry.*}, then environment {@code SENTRY_*}, then
 * {@code sentry.properties}.
 */
final class SdkStarter {

  private SdkStarter() {}

  /** Name under which events list sentry-bridge among the SDK's integrations. */
  static final String INTEGRATION = "SentryBridge";

  /** The SDK's external sources, read once per start (system properties, env, properties files). */
  static ExternalOptions externalOptions() {
    return SdkInternals.externalOptions();
  }

  /** The DSN to use: the explicit one when usable, else the SDK sources' one; null when none. */
  static String resolveDsn(BridgeSettings settings, ExternalOptions external) {
    if (!Dsns.isAbsent(settings.dsn())) {
      return settings.dsn();
    }
    String fromSources = external.getDsn();
    return Dsns.isAbsent(fromSources) ? null : fromSources.trim();
  }

  static SentryOptions options(
      BridgeSettings settings,
      ExternalOptions external,
      String dsn,
      ITransportFactory transportFactory) {
    SentryOptions options = new SentryOptions();
    // what the SDK prints with debug=true goes through a logger that masks the DSN's keys
    MaskingSdkLogger logger = new MaskingSdkLogger(dsn);
    options.setLogger(logger);
    options.setFatalLogger(logger);
    // the SDK's serializer, without a lock taken on every small write it makes
    options.setSerializer(new OneWriteSerializer(new JsonSerializer(options)));
    options.merge(external);
    options.setDsn(dsn);
    if (settings.environment() != null) {
      options.setEnvironment(settings.environment());
    }
    if (settings.release() != null) {
      options.setRelease(settings.release());
    }
    // flood control is ours and works per fingerprint; the SDK's would drop a repeated instance
    options.setEnableDeduplication(false);
    options.setAttachServerName(settings.sendMetadata());
    // lets Sentry show which integration sent an event (sdk.integrations, sdk.packages)
    SdkInternals.announce(INTEGRATION, "maven:org.sentrybridge:sentry-bridge-core", version());
    // the engine's own exit hook drains the queue before the SDK closes
    options.setEnableShutdownHook(false);
    SdkOptionCatalog.apply(settings.init(), options);
    options.setEnableExternalConfiguration(false);
    if (transportFactory != null) {
      options.setTransportFactory(transportFactory);
    }
    if (!settings.sendMetadata()) {
      options.addEventProcessor(new MetadataRemover());
    }
    return options;
  }

  /** This library's version from its jar manifest; "unknown" when run from classes. */
  private static String version() {
    String version = SdkStarter.class.getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }

  /** With {@code sendMetadata=false}: drop what the SDK adds about the host on its own. */
  private static final class MetadataRemover implements EventProcessor {
    @Override
    public SentryEvent process(SentryEvent event, Hint hint) {
      event.getContexts().remove("runtime");
      event.setServerName(null);
      User user = event.getUser();
      if (user != null && isBlank(user)) {
        event.setUser(null); // the SDK adds an empty user to every event
      }
      return event;
    }

    private static boolean isBlank(User user) {
      return user.getId() == null
          && user.getEmail() == null
          && user.getUsername() == null
          && user.getIpAddress() == null
          && user.getName() == null
          && (user.getData() == null || user.getData().isEmpty());
    }
  }
}
