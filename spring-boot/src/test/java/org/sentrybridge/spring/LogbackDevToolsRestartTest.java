package org.sentrybridge.spring;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/** The DevTools restart on Logback. */
@DisabledIfSystemProperty(named = "sentrybridge.test.logging", matches = "log4j2")
class LogbackDevToolsRestartTest extends DevToolsRestartCase {}
