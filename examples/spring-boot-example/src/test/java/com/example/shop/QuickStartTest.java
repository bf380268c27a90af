package com.example.shop;

import org.junit.jupiter.api.Test;
import org.sentrybridge.testing.QuickStartReadme;

/** README.md's "Spring Boot" section is this module. */
class QuickStartTest {

  @Test
  void readmeShowsThisModulesDependenciesPropertiesAndCode() throws Exception {
    QuickStartReadme.assertShows(
        "examples/spring-boot-example",
        "src/main/resources/application.properties",
        "src/main/java/com/example/shop/ShopApplication.java");
  }
}
