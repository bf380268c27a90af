package org.sentrybridge.testing;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a main class in its own JVM, as a user would, and keeps what it printed. */
public final class ChildJvm {

  public final int exitCode;
  public final String output;

  private ChildJvm(int exitCode, String output) {
    this.exitCode = exitCode;
    this.output = output;
  }

  /** Runs {@code main} with no SENTRY_DSN in its environment. */
  public static ChildJvm run(Class<?> main, String... args) throws Exception {
    return run(Map.of(), main, args);
  }

  /**
   * Runs {@code main} with these variables added to its environment (and no SENTRY_DSN unless
   * they give one).
   */
  public static ChildJvm run(Map<String, String> environment, Class<?> main, String... args)
      throws Exception {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(classpath);
    command.add(main.getName());
    command.addAll(List.of(args));
    File log = File.createTempFile("child-jvm", ".txt");
    log.deleteOnExit();
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
    builder.environment().remove("SENTRY_DSN");
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the program did not exit within 60 s:\n" + read(log));
    }
    return new ChildJvm(process.exitValue(), read(log));
  }

  private static String read(File file) throws Exception {
    return Files.readString(file.toPath(), StandardCharsets.UTF_8);
  }
}
