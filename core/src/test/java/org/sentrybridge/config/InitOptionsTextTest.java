package org.sentrybridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InitOptionsTextTest {

  @Test
  void readsEntriesSeparatedByCommasSemicolonsAndLineBreaks() {
    List<String> problems = new ArrayList<>();

    assertThat(
            InitOptionsText.parse(
                "tracesSampleRate=0.2, serverName = api-1;\n  maxBreadcrumbs=50\n", problems))
        .containsExactly(
            entry("tracesSampleRate", "0.2"), entry("serverName", "api-1"),
            entry("maxBreadcrumbs", "50"));
    assertThat(problems).isEmpty();
  }

  @Test
  void aPieceWithoutEqualsContinuesTheListBeforeIt() {
    List<String> problems = new ArrayList<>();

    assertThat(InitOptionsText.parse("inAppIncludes=com.example, org.acme, debug=false", problems))
        .containsExactly(entry("inAppIncludes", "com.example,org.acme"), entry("debug", "false"));
    assertThat(problems).isEmpty();
  }

  @Test
  void aLeadingPieceWithoutNameIsAProblem() {
    List<String> problems = new ArrayList<>();

    assertThat(InitOptionsText.parse("=0.2, tracesSampleRate", problems)).isEmpty();
    assertThat(problems)
        .containsExactly(
            "init: '=0.2' is not name=value (for example"
                + " <init>tracesSampleRate=0.2, serverName=api-1</init>)",
            "init: 'tracesSampleRate' is not name=value (for example"
                + " <init>tracesSampleRate=0.2, serverName=api-1</init>)");
  }
}
