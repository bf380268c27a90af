package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sentrybridge.config.Setting;

/** Every setting of the model is an element of {@code <appender>}, and there is no other. */
class SettingSettersTest {

  @Test
  void theAppenderHasOneTextSetterPerSetting() throws Exception {
    List<String> setters = new ArrayList<>();
    for (Method method : SentryAppender.class.getDeclaredMethods()) {
      if (Modifier.isPublic(method.getModifiers()) && method.getName().startsWith("set")
          && method.getParameterCount() == 1 && method.getParameterTypes()[0] == String.class) {
        setters.add(method.getName());
      }
    }

    List<String> expected = new ArrayList<>();
    for (Setting setting : Setting.values()) {
      expected.add(setting.setterName());
    }
    assertThat(setters).containsExactlyInAnyOrderElementsOf(expected);
  }
}
