package org.sentrybridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sentrybridge.testing.QuickStartReadme;

/** The README's settings tables state what {@link Setting} declares: every name, every default. */
class SettingsReadmeTest {

  private static final Pattern ROW = Pattern.compile("^\\| ([^|]+) \\| ([^|]+) \\|.*$");
  private static final Pattern NAME = Pattern.compile("`([^`]+)`");

  @Test
  void theMainReadmeHasOneRowPerSettingWithItsDefault() throws Exception {
    Map<Setting, String> core = table("README.md", "## Settings (core");
    Map<Setting, String> appender = table("README.md", "## Appender settings");

    assertThat(core.keySet()).containsExactlyInAnyOrderElementsOf(Setting.of(Setting.Part.CORE));
    assertThat(appender.keySet())
        .containsExactlyInAnyOrderElementsOf(Setting.of(Setting.Part.APPENDER));
    core.forEach(this::assertDefault);
    appender.forEach(this::assertDefault);
  }

  @Test
  void eachAppenderReadmeHasOneRowPerSettingWithItsDefault() throws Exception {
    for (String readme : List.of("logback-appender/README.md", "log4j2-appender/README.md")) {
      Map<Setting, String> rows = table(readme, "| Element | Default |", "| Attribute | Default |");

      assertThat(rows.keySet()).as(readme).containsExactlyInAnyOrder(Setting.values());
      rows.forEach(this::assertDefault);
    }
  }

  private void assertDefault(Setting setting, String documented) {
    assertThat(documented).as("default of %s", setting.settingName())
        .isEqualTo(setting.documentedDefault());
  }

  /** The rows of the first table at or after the first line that starts with one of the marks. */
  private static Map<Setting, String> table(String file, String... marks) throws Exception {
    List<String> lines =
        Files.readAllLines(QuickStartReadme.projectRoot().resolve(file), StandardCharsets.UTF_8);
    int at = 0;
    while (at < lines.size() && !startsWithAny(lines.get(at), marks)) {
      at++;
    }
    assertThat(at).as("%s has a line starting with one of %s", file, List.of(marks))
        .isLessThan(lines.size());
    while (!lines.get(at).startsWith("|")) {
      at++;
    }
    Map<Setting, String> rows = new EnumMap<>(Setting.class);
    for (at += 2; at < lines.size() && lines.get(at).startsWith("|"); at++) {
      Matcher row = ROW.matcher(lines.get(at));
      assertThat(row.matches()).as("%s: %s", file, lines.get(at)).isTrue();
      Matcher names = NAME.matcher(row.group(1));
      while (names.find()) {
        Setting setting = setting(names.group(1));
        assertThat(setting).as("%s: %s is a setting", file, names.group(1)).isNotNull();
        assertThat(rows.put(setting, row.group(2).trim())).as("%s: %s twice", file, setting)
            .isNull();
      }
    }
    return rows;
  }

  /** The Log4j2 appender gives SDK options as nested elements, the row {@code <Option name value>}. */
  private static Setting setting(String name) {
    return Set.of("<Option name value>").contains(name) ? Setting.INIT : Setting.named(name);
  }

  private static boolean startsWithAny(String line, String... marks) {
    for (String mark : marks) {
      if (line.startsWith(mark)) {
        return true;
      }
    }
    return false;
  }
}
