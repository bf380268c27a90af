package org.sentrybridge.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sentrybridge.event.CaptureRules;

/**
 * The settings of one appender as its configuration gives them: text per {@link Setting}, parsed
 * into {@link BridgeSettings} and {@link CaptureRules} in one place, so that {@code logback.xml}
 * and {@code log4j2.xml} get the same values and the same messages. A setting given again replaces
 * the earlier text, a {@linkplain Setting#isRepeatable() repeatable} one adds to it. Not thread-safe:
 * filled and read while a configuration is read.
 */
public final class SettingsText {

  private final Map<Setting, List<String>> texts = new EnumMap<>(Setting.class);
  private final Map<String, String> options = new LinkedHashMap<>();

  /** Starts with nothing configured: every setting keeps its default. */
  public SettingsText() {}

  /**
   * Records a setting's text as the configuration gives it.
   *
   * @param setting the setting
   * @param text its text; null means not configured (ignored)
   * @return this
   */
  public SettingsText set(Setting setting, String text) {
    if (text == null) {
      return this;
    }
    List<String> values = texts.computeIfAbsent(setting, s -> new ArrayList<>());
    if (!setting.isRepeatable()) {
      values.clear();
    }
    values.add(text);
    return this;
  }

  /**
   * Records one SDK option given as a name and a value (Log4j2's {@code <Option>}), applied after
   * those of {@link Setting#INIT}.
   *
   * @param name the option's name
   * @param value its value as text
   * @return this
   */
  public SettingsText option(String name, String value) {
    options.put(name, value);
    return this;
  }

  /**
   * Parses every setting: bad values become problems that name their setting.
   *
   * @param mechanismType the exception mechanism type the appender's events carry
   * @return the settings and the capture rules
   */
  public Parsed parse(String mechanismType) {
    BridgeSettings.Builder settings = BridgeSettings.builder();
    CaptureRules.Builder rules = CaptureRules.builder(mechanismType);
    Setting.Parsing target = new Setting.Parsing(settings, rules);
    for (Map.Entry<Setting, List<String>> entry : texts.entrySet()) {
      List<String> problems = new ArrayList<>();
      for (String text : entry.getValue()) {
        entry.getKey().parse(target, text, problems);
      }
      if (entry.getKey().part() == Setting.Part.CORE) {
        problems.forEach(settings::problem);
      } else {
        problems.forEach(rules::problem);
      }
    }
    options.forEach(settings::init);
    return new Parsed(settings.build(), rules.build());
  }

  /**
   * Equal for equal texts of every setting: the identity of a Log4j2 manager, so that a reload with
   * the same configuration keeps it. A hash: it never holds the DSN.
   *
   * @return the hash as hex
   */
  public String identity() {
    StringBuilder all = new StringBuilder();
    texts.forEach((setting, values) -> all.append(setting.settingName()).append('=')
        .append(values).append('\n'));
    options.forEach((name, value) -> all.append("option ").append(name).append('=')
        .append(value).append('\n'));
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(all.toString().getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < 12; i++) {
        hex.append(String.format("%02x", hash[i]));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * What a configuration's text gives.
   *
   * @param settings the process-wide settings
   * @param rules the appender's own capture rules
   */
  public record Parsed(BridgeSettings settings, CaptureRules rules) {

    /**
     * Every problem of both, each naming its setting.
     *
     * @return the problems; empty when both are valid
     */
    public List<String> problems() {
      List<String> all = new ArrayList<>(settings.problems());
      all.addAll(rules.problems());
      return all;
    }
  }
}
