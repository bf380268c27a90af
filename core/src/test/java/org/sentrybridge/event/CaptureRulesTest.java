package org.sentrybridge.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureRulesTest {

  private static CaptureRules.Builder rules() {
    return CaptureRules.builder("test");
  }

  @Test
  void byDefaultErrorsWithAThrowableAreEventsAndInfoAndAboveAreBreadcrumbs() {
    CaptureRules rules = rules().build();

    assertThat(rules.isEvent(LogLevel.ERROR, "a.b", new IllegalStateException())).isTrue();
    assertThat(rules.isEvent(LogLevel.FATAL, "a.b", new IllegalStateException())).isTrue();
    assertThat(rules.isEvent(LogLevel.ERROR, "a.b", null)).isFalse();
    assertThat(rules.isEvent(LogLevel.WARN, "a.b", new IllegalStateException())).isFalse();
    assertThat(rules.isBreadcrumb(LogLevel.INFO, "a.b")).isTrue();
    assertThat(rules.isBreadcrumb(LogLevel.DEBUG, "a.b")).isFalse();
    assertThat(rules.problems()).isEmpty();
  }

  @Test
  void offLevelsSelectNothing() {
    CaptureRules rules = rules().minimumEventLevel(null).minimumBreadcrumbLevel(null).build();

    assertThat(rules.isEvent(LogLevel.FATAL, "a", new IllegalStateException())).isFalse();
    assertThat(rules.isBreadcrumb(LogLevel.FATAL, "a")).isFalse();
    assertThat(rules().maxBreadcrumbs(0).build().isBreadcrumb(LogLevel.ERROR, "a")).isFalse();
  }

  @Test
  void moreBreadcrumbsThanTheMostKeepTheMostAsTheSettingDoes() {
    assertThat(rules().maxBreadcrumbs(5_000).build().maxBreadcrumbs()).isEqualTo(1000);
    assertThat(rules().maxBreadcrumbs(1000).build().maxBreadcrumbs()).isEqualTo(1000);
    assertThat(rules().maxBreadcrumbs(999).build().maxBreadcrumbs()).isEqualTo(999);
  }

  @Test
  void ignoredLoggersArePrefixesAtNameBoundaries() {
    CaptureRules rules = rules().ignoredLoggers(List.of("com.example.noisy", "org.lib.")).build();

    assertThat(rules.isEvent(LogLevel.ERROR, "com.example.noisy", new RuntimeException())).isFalse();
    assertThat(rules.isEvent(LogLevel.ERROR, "com.example.noisy.Sub", new RuntimeException()))
        .isFalse();
    assertThat(rules.isEvent(LogLevel.ERROR, "com.example.noisyNeighbour", new RuntimeException()))
        .isTrue();
    assertThat(rules.isEvent(LogLevel.ERROR, "org.lib.Any", new RuntimeException())).isFalse();
    assertThat(rules.isBreadcrumb(LogLevel.WARN, "com.example.noisy.Sub")).isFalse();
  }

  @Test
  void ignoredExceptionsCoverSubclasses() {
    CaptureRules rules = rules().ignoredExceptions(List.of("java.io.IOException")).build();

    assertThat(rules.isIgnoredException(new IOException())).isTrue();
    assertThat(rules.isIgnoredException(new FileNotFoundException())).isTrue();
    assertThat(rules.isIgnoredException(new IllegalStateException())).isFalse();
    assertThat(rules.isIgnoredException(null)).isFalse();
  }

  @Test
  void contextTagGlobsMatchWholeKeys() {
    CaptureRules rules = rules().contextTags(List.of("request.*", "tenant", "r?gion")).build();

    assertThat(rules.isContextTag("request.id")).isTrue();
    assertThat(rules.isContextTag("tenant")).isTrue();
    assertThat(rules.isContextTag("region")).isTrue();
    assertThat(rules.isContextTag("tenant.id")).isFalse();
    assertThat(rules.isContextTag("requestid")).isFalse();
  }

  @Test
  void anUnknownUserFieldOrANegativeCountIsAProblem() {
    CaptureRules rules = rules().userMdcKey("shoeSize", "size").maxBreadcrumbs(-1).build();

    assertThat(rules.problems())
        .containsExactly(
            "userMdcKeys: 'shoeSize' is not a user field ([id, email, ipAddress, username])",
            "maxBreadcrumbs: -1 must not be negative");
  }

  @Test
  void rulesAreValues() {
    CaptureRules one = rules().contextTags(List.of("a")).userMdcKey("id", "uid").build();
    CaptureRules same = rules().contextTags(List.of("a")).userMdcKey("id", "uid").build();

    assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(one).isNotEqualTo(rules().contextTags(List.of("b")).userMdcKey("id", "uid").build());
    assertThat(one).isNotEqualTo(CaptureRules.builder("other").contextTags(List.of("a"))
        .userMdcKey("id", "uid").build());
  }
}
