package com.example;

import org.junit.jupiter.api.Test;
import org.sentrybridge.testing.QuickStartReadme;

/** README.md's "Quick start: Logback" is this module, so pasting it gives what AppTest runs. */
class QuickStartTest {

  @Test
  void readmeShowsThisModulesDependenciesConfigurationAndCode() throws Exception {
    QuickStartReadme.assertShows(
        "examples/logback-example",
        "src/main/resources/logback.xml",
        "src/main/java/com/example/App.java");
  }
}
