package org.sentrybridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.SentryOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SdkOptionCatalogTest {

  @Test
  void appliesOptionsThroughTheSdksOwnParserAndSetters() {
    Map<String, String> init = new LinkedHashMap<>();
    init.put("environment", "staging");
    init.put("release", "shop@1.2.3");
    init.put("serverName", "api-1");
    init.put("tracesSampleRate", "0.2");
    init.put("in-app-includes", "com.example,org.acme");
    init.put("tags.team", "payments");
    init.put("maxBreadcrumbs", "42");
    init.put("ATTACH_STACKTRACE", "false");
    assertThat(SdkOptionCatalog.problems(init)).isEmpty();

    SentryOptions options = new SentryOptions();
    SdkOptionCatalog.apply(init, options);

    assertThat(options.getEnvironment()).isEqualTo("staging");
    assertThat(options.getRelease()).isEqualTo("shop@1.2.3");
    assertThat(options.getServerName()).isEqualTo("api-1");
    assertThat(options.getTracesSampleRate()).isEqualTo(0.2);
    assertThat(options.getInAppIncludes()).contains("com.example", "org.acme");
    assertThat(options.getTags()).containsEntry("team", "payments");
    assertThat(options.getMaxBreadcrumbs()).isEqualTo(42);
    assertThat(options.isAttachStacktrace()).isFalse();
  }

  @Test
  void dsnInsideInitIsRefused() {
    assertThat(SdkOptionCatalog.problems(Map.of("dsn", "https://k@h/1")))
        .containsExactly("init.dsn: set the DSN with the dsn setting, not inside init");
  }

  @Test
  void aValueTheSdkRefusesIsAProblemNamingTheKey() {
    assertThat(SdkOptionCatalog.problems(Map.of("sampleRate", "5")))
        .singleElement()
        .satisfies(
            problem ->
                assertThat(problem)
                    .startsWith("init.sampleRate: '5' is refused by the Sentry SDK: ")
                    .contains("5.0"));
    assertThat(SdkOptionCatalog.problems(Map.of("sampleRate", "0.5"))).isEmpty();
  }
}
