package com.example;

import org.junit.jupiter.api.Test;
import org.sentrybridge.testing.QuickStartReadme;

/** README.md's "Quick start: Log4j2" is this module, so pasting it gives what AppTest runs. */
class QuickStartTest {

  @Test
  void readmeShowsThisModulesDependenciesConfigurationAndCode() throws Exception {
    QuickStartReadme.assertShows(
        "examples/log4j2-example",
        "src/main/resources/log4j2.xml",
        "src/main/java/com/example/App.java");
  }
}
