package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sentrybridge.event.MessageTemplates;
import org.slf4j.helpers.MessageFormatter;

/** The delivery thread formats Logback messages; the text must be what SLF4J itself makes. */
class DeferredFormattingTest {

  private static final Object[] ARGUMENTS = {
    42, null, "x{}y", new int[] {1, 2}, new Object[] {"a", new String[] {"b"}}
  };

  @ParameterizedTest
  @ValueSource(
      strings = {
        "order {} failed",
        "{}{}{}",
        "no placeholders",
        "escaped \\{} then {}",
        "double escaped \\\\{} and {}",
        "more {} {} {} {} {} {} {} than arguments",
        "{} at the start and the end {}",
        "{",
        "trailing backslash \\",
        "arrays {} {} {} {} {}"
      })
  void formatsLikeSlf4j(String template) {
    List<String> texts = new ArrayList<>();
    for (Object argument : ARGUMENTS) {
      texts.add(MessageTemplates.text(argument));
    }

    assertThat(MessageTemplates.format(template, texts))
        .isEqualTo(MessageFormatter.basicArrayFormat(template, ARGUMENTS));
  }

  @ParameterizedTest
  @ValueSource(strings = {"one {}", "{} and {}"})
  void anArgumentWhoseToStringThrowsDoesNotReachTheApplication(String template) {
    Object broken =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("broken toString");
          }
        };

    assertThat(MessageTemplates.text(broken)).isEqualTo("[FAILED toString()]");
    assertThat(MessageTemplates.format(template, List.of(MessageTemplates.text(broken))))
        .startsWith(template.startsWith("one") ? "one [FAILED" : "[FAILED");
  }
}
