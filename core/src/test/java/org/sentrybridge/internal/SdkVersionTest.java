package org.sentrybridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sentrybridge.testing.RecordingStatusReporter;

class SdkVersionTest {

  @Test
  void versionsCompareByNumberNotByText() {
    assertThat(SdkVersion.parse("8.9.0")).isLessThan(SdkVersion.parse("8.10.0"));
    assertThat(SdkVersion.parse("8.53.1")).isGreaterThan(SdkVersion.parse("8.53.0"));
    assertThat(SdkVersion.parse("9.0.0")).isGreaterThan(SdkVersion.parse("8.99.99"));
    assertThat(SdkVersion.parse("8.62.0-beta.1")).isEqualByComparingTo(SdkVersion.parse("8.62.0"));
    assertThat(SdkVersion.parse("8.62")).isEqualTo(new SdkVersion(8, 62, 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.53.0", "8.54.2", "8.62.0", "8.63.0", "8.63.7", "8.60.0-rc.1"})
  void theSupportedRangeIsFrom8_53_0ToEvery8_63Patch(String version) {
    assertThat(SdkVersion.parse(version).isSupported()).isTrue();
    assertThat(SdkVersion.problem(version)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.43.0", "8.52.9", "8.64.0", "9.0.0", "7.22.0"})
  void versionsOutsideTheRangeAreNot(String version) {
    assertThat(SdkVersion.parse(version).isSupported()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "eight", "8", "99999999999.1.0"})
  void unreadableVersionsAreNoVersion(String text) {
    assertThat(SdkVersion.parse(text)).isNull();
  }

  @Test
  void theSdkOfTheBuildAndTheOneRunningHereAreInTheRange() throws Exception {
    // the constant is copied when the main classes are compiled; the running version is read at
    // run time, which may be another supported version (CI runs the suites on the lowest and newest)
    String running = (String) io.sentry.BuildConfig.class.getField("VERSION_NAME").get(null);
    assertThat(SdkVersion.running()).isEqualTo(running);
    assertThat(SdkVersion.parse(running).isSupported()).isTrue();
    assertThat(SdkVersion.parse(SdkVersion.BUILT_ON).isSupported()).isTrue();
  }

  @Test
  void anSdkOutsideTheRangeGivesOneWarningNamingBothVersions() {
    RecordingStatusReporter status = new RecordingStatusReporter();

    SdkVersion.check("8.62.0", status);
    assertThat(status.lines()).isEmpty();

    SdkVersion.check("8.43.0", status);
    SdkVersion.check("8.43.0", status);

    assertThat(status.lines())
        .singleElement()
        .asString()
        .startsWith("WARN io.sentry:sentry 8.43.0 is on the class path, but sentry-bridge supports"
            + " 8.53.0 to 8.63.x (built on " + SdkVersion.BUILT_ON + ")");
  }

  @Test
  void anUnknownVersionIsReportedAsSuch() {
    assertThat(SdkVersion.problem(null)).startsWith("io.sentry:sentry (unknown version) is on");
  }
}
