package org.sentrybridge.spring;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The DevTools restart on Log4j2 (spring-boot-starter-log4j2 in place of Logback). */
@EnabledIfSystemProperty(named = "sentrybridge.test.logging", matches = "log4j2")
class Log4j2DevToolsRestartTest extends DevToolsRestartCase {}
