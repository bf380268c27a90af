package org.sentrybridge.spring;

/**
 * Tells a context closed for a Spring Boot DevTools restart from a final close. DevTools closes
 * the application's context in {@code Restarter.stop()}, then runs the application again in a new
 * class loader; sentry-bridge's classes, in jars, stay in the base class loader, so the restarted
 * application finds the running integration and joins it. Read by name only: without DevTools on
 * the class path no close is a restart.
 */
final class DevToolsRestart {

  private static final String RESTARTER = "org.springframework.boot.devtools.restart.Restarter";
  private static final String RESTART_CLASS_LOADER =
      "org.springframework.boot.devtools.restart.classloader.RestartClassLoader";

  private DevToolsRestart() {}

  /**
   * True when the context being closed on this thread is closed by DevTools for a restart, and the
   * restarted application will see this integration (sentry-bridge is not reloaded with it).
   */
  static boolean closesThisContext() {
    return !reloadedOnRestart(SpringIntegration.class.getClassLoader())
        && StackWalker.getInstance()
            .walk(
                frames ->
                    frames.anyMatch(
                        frame ->
                            RESTARTER.equals(frame.getClassName())
                                && "stop".equals(frame.getMethodName())));
  }

  private static boolean reloadedOnRestart(ClassLoader loader) {
    for (ClassLoader l = loader; l != null; l = l.getParent()) {
      if (RESTART_CLASS_LOADER.equals(l.getClass().getName())) {
        return true;
      }
    }
    return false;
  }
}
