package org.sentrybridge.log4j2;

import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;

/**
 * One Sentry SDK option inside {@code <SentryBridge>}: {@code <Option name="tracesSampleRate"
 * value="0.2"/>}. Names and values are checked by the core's option catalog when the appender is
 * built, so a typo is reported with the list of known options.
 */
@Plugin(name = "Option", category = Node.CATEGORY, printObject = true)
public final class InitOption {

  private final String name;
  private final String value;

  private InitOption(String name, String value) {
    this.name = name;
    this.value = value;
  }

  /**
   * Made by Log4j2 from an {@code <Option>} element.
   *
   * @param name the SDK option, e.g. {@code tracesSampleRate}, {@code serverName}, {@code
   *     tags.team}; required
   * @param value its value as text; empty when absent
   * @return the option
   */
  @PluginFactory
  public static InitOption of(
      @PluginAttribute("name") String name, @PluginAttribute("value") String value) {
    return new InitOption(name, value);
  }

  /**
   * The SDK option's name.
   *
   * @return the name as written
   */
  public String name() {
    return name;
  }

  /**
   * The SDK option's value.
   *
   * @return the value as written
   */
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return "Option{name=" + name + "}";
  }
}
