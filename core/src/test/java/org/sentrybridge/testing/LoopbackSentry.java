package org.sentrybridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.sentrybridge.devserver.LoopbackSentryReceiver;

/**
 * The framework-neutral half of an appender test's fixture: a real Sentry receiver on loopback and
 * an empty buffer directory of its own. The appender modules compose it with a configured logging
 * context of their framework; {@link #close()} stops the receiver and deletes the directory.
 */
public final class LoopbackSentry implements AutoCloseable {

  private final LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
  private final Path bufferDir;

  private LoopbackSentry(Path bufferDir) {
    this.bufferDir = bufferDir;
  }

  /**
   * Starts a receiver and creates a fresh buffer directory.
   *
   * @return the started receiver and its directory
   */
  public static LoopbackSentry start() {
    try {
      return new LoopbackSentry(Files.createTempDirectory("sentry-bridge-test-buffer"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The receiver the configuration sends to.
   *
   * @return the running receiver
   */
  public LoopbackSentryReceiver receiver() {
    return receiver;
  }

  /**
   * The receiver's DSN, {@code http://key@127.0.0.1:PORT/1}.
   *
   * @return the DSN
   */
  public String dsn() {
    return receiver.dsn();
  }

  /**
   * A directory for the appender's outbox, empty at the start.
   *
   * @return the directory
   */
  public Path bufferDir() {
    return bufferDir;
  }

  @Override
  public void close() {
    try {
      receiver.close();
    } finally {
      deleteTree(bufferDir);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
