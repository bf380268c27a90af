package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.junit.jupiter.api.Test;
import org.sentrybridge.config.Setting;

/**
 * Every setting of the model is an attribute of {@code <SentryBridge>} (SDK options are the
 * nested {@code <Option>} elements), there is no other, and each reaches the settings and the
 * manager's identity.
 */
class SettingAttributesTest {

  @Test
  void theBuilderHasOneAttributePerSetting() {
    List<String> attributes = new ArrayList<>();
    for (Field field : SentryAppender.Builder.class.getDeclaredFields()) {
      if (field.isAnnotationPresent(PluginBuilderAttribute.class)) {
        attributes.add(field.getName());
      }
    }

    List<String> expected = new ArrayList<>();
    for (Setting setting : Setting.values()) {
      if (setting != Setting.INIT) {
        expected.add(setting.settingName());
      }
    }
    assertThat(attributes).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void eachAttributeIsPartOfTheManagersIdentity() throws Exception {
    for (Setting setting : Setting.values()) {
      if (setting == Setting.INIT) {
        continue;
      }
      SentryAppender.Builder builder = SentryAppender.newBuilder();
      SentryAppender.Builder.class.getMethod(setting.setterName(), String.class)
          .invoke(builder, "not a valid value");

      assertThat(builder.managerKey("Sentry"))
          .as(setting.settingName())
          .isNotEqualTo(SentryAppender.newBuilder().managerKey("Sentry"));
    }
  }
}
