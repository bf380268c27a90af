package org.sentrybridge.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The official Sentry starter as sentry-bridge's auto-configuration sees it, a class of its name
 * on the class path (the starter itself does not resolve for Spring Boot 3.5 and 4.0 here).
 */
final class OfficialStarterStub {

  private OfficialStarterStub() {}

  /** A class loader that also has a class of the official starter's name, compiled into {@code classes}. */
  static ClassLoader classLoader(Path classes) throws Exception {
    String name = SpringIntegration.OFFICIAL_STARTERS.get(0);
    String pkg = name.substring(0, name.lastIndexOf('.'));
    Path source = classes.resolve("SentryAutoConfiguration.java");
    Files.writeString(source, "package " + pkg + "; public class SentryAutoConfiguration {}");
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertThat(compiler.run(null, null, null, "-d", classes.toString(), source.toString())).isZero();
    return new URLClassLoader(
        new URL[] {classes.toUri().toURL()}, OfficialStarterStub.class.getClassLoader());
  }
}
