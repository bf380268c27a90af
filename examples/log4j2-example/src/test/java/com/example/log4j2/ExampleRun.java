package com.example.log4j2;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an example's main in its own JVM, as a user would, and keeps what it printed. */
final class ExampleRun {

  final int exitCode;
  final String output;

  private ExampleRun(int exitCode, String output) {
    this.exitCode = exitCode;
    this.output = output;
  }

  /** Runs {@code main} with no SENTRY_DSN in its environment. */
  static ExampleRun of(Class<?> main, String... args) throws Exception {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(classpath);
    command.add(main.getName());
    command.addAll(List.of(args));
    File log = File.createTempFile("example-run", ".txt");
    log.deleteOnExit();
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
    builder.environment().remove("SENTRY_DSN");
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the example did not exit within 60 s:\n" + read(log));
    }
    return new ExampleRun(process.exitValue(), read(log));
  }

  private static String read(File file) throws Exception {
    return Files.readString(file.toPath(), StandardCharsets.UTF_8);
  }
}
