package org.sentrybridge.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sentrybridge.config.Setting;

/** The {@code sentry.*} properties follow the one settings model: a setting added there fails here. */
class PropertiesFollowSettingsTest {

  private static final Map<String, PropertyDescriptor> PROPERTIES = properties();

  @Test
  void everySettingIsASpringProperty() throws Exception {
    assertThat(PROPERTIES.keySet())
        .containsAll(Arrays.stream(Setting.values()).map(Setting::settingName).toList());
  }

  @Test
  void eachPropertyStartsWithTheSettingsDefault() throws Exception {
    SentryBridgeProperties fresh = new SentryBridgeProperties();
    for (Setting setting : Setting.values()) {
      if (setting.defaultText() == null || setting == Setting.INIT) {
        continue; // none, the SDK's sources or a path made from the DSN: left unset
      }
      Object value = PROPERTIES.get(setting.settingName()).getReadMethod().invoke(fresh);
      assertThat(value).as(setting.settingName()).isEqualTo(setting.defaultText());
    }
  }

  @Test
  void aChangeOfAnyPropertyButRequestContextMakesARestartStartAfresh() throws Exception {
    List<Object> unchanged = SpringIntegration.key(new SentryBridgeProperties());
    for (PropertyDescriptor property : PROPERTIES.values()) {
      if (property.getName().equals("requestContext")) {
        continue; // decides whether a bean exists, not how the appender is made
      }
      SentryBridgeProperties changed = new SentryBridgeProperties();
      Class<?> type = property.getPropertyType();
      Object value =
          type == String.class ? "changed"
              : type == List.class ? List.of("changed")
              : Map.of("changed", "changed");
      property.getWriteMethod().invoke(changed, value);
      assertThat(SpringIntegration.key(changed)).as(property.getName()).isNotEqualTo(unchanged);
    }
  }

  private static Map<String, PropertyDescriptor> properties() {
    try {
      return Arrays.stream(
              Introspector.getBeanInfo(SentryBridgeProperties.class, Object.class)
                  .getPropertyDescriptors())
          .collect(Collectors.toMap(PropertyDescriptor::getName, Function.identity()));
    } catch (java.beans.IntrospectionException e) {
      throw new IllegalStateException(e);
    }
  }
}
