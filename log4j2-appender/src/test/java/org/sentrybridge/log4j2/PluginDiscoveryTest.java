package org.sentrybridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.processor.PluginCache;
import org.apache.logging.log4j.core.config.plugins.processor.PluginEntry;
import org.apache.logging.log4j.core.config.plugins.util.PluginManager;
import org.apache.logging.log4j.core.config.plugins.util.PluginType;
import org.junit.jupiter.api.Test;

/** {@code <SentryBridge>} is found through the generated plugin cache, without package scanning. */
class PluginDiscoveryTest {

  private static final String CACHE = "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat";

  @Test
  void theModulesPluginCacheListsSentryBridgeAndOption() throws Exception {
    List<URL> caches = Collections.list(getClass().getClassLoader().getResources(CACHE));
    URL ours =
        caches.stream()
            .filter(url -> url.toString().contains("/target/classes/"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no generated plugin cache in " + caches));
    PluginCache cache = new PluginCache();
    cache.loadCacheFiles(Collections.enumeration(List.of(ours)));

    Map<String, PluginEntry> core = cache.getCategory("core");
    assertThat(core.get("sentrybridge").getClassName()).isEqualTo(SentryAppender.class.getName());
    assertThat(core.get("sentrybridge").getName()).isEqualTo(Appender.ELEMENT_TYPE);
    assertThat(core.get("option").getClassName()).isEqualTo(InitOption.class.getName());
  }

  @Test
  void log4jFindsThePluginByElementName() {
    PluginManager plugins = new PluginManager(Node.CATEGORY);
    plugins.collectPlugins();

    PluginType<?> type = plugins.getPluginType("SentryBridge");
    assertThat(type).isNotNull();
    assertThat(type.getPluginClass()).isEqualTo(SentryAppender.class);
    assertThat(type.getElementName()).isEqualTo(Appender.ELEMENT_TYPE);
  }
}
