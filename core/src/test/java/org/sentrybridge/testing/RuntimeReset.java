package org.sentrybridge.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.sentrybridge.internal.BridgeRuntime;

/**
 * After every test, the process-wide integration is as if the JVM had just started: a handle a
 * test forgot to close is closed here (and named on standard error), so it cannot change the tests
 * that follow in the same JVM. Registered for every module that uses this test-jar through {@code
 * META-INF/services} (JUnit's extension auto-detection is on in the parent pom).
 */
public final class RuntimeReset implements AfterEachCallback {

  @Override
  public void afterEach(ExtensionContext context) {
    int open = BridgeRuntime.reset();
    if (open > 0) {
      System.err.println(
          "sentry-bridge test support: " + context.getDisplayName() + " left " + open
              + " handle(s) on the integration open; closed them");
    }
  }
}
