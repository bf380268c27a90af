package org.sentrybridge.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DevServerTest {

  @Test
  void withoutArgumentsTheDocumentedFixedPortIsUsed() {
    assertThat(DevServer.port()).isEqualTo(DevServer.DEFAULT_PORT);
  }

  @Test
  void portIsTakenFromEitherSpelling() {
    assertThat(DevServer.port("--port", "9000")).isEqualTo(9000);
    assertThat(DevServer.port("--port=9001")).isEqualTo(9001);
    assertThat(DevServer.port("--port", "0")).isZero();
    assertThat(DevServer.port("--help")).isNegative();
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> DevServer.port("--port", "often"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--port: 'often' is not a number");
    assertThatThrownBy(() -> DevServer.port("--port", "70000"))
        .hasMessage("--port: 70000 is not a port (0 to 65535)");
    assertThatThrownBy(() -> DevServer.port("--port")).hasMessage("--port needs a number");
    assertThatThrownBy(() -> DevServer.port("--prot", "9000"))
        .hasMessage("unknown argument '--prot'");
  }

  @Test
  void aReceiverOnAGivenPortKeepsThatPortInItsDsn() {
    // a port that was free a moment ago; on a busy machine another socket may take it in between
    for (int attempt = 1; ; attempt++) {
      int port;
      try (LoopbackSentryReceiver probe = LoopbackSentryReceiver.start()) {
        port = probe.port();
      }
      try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start(port)) {
        assertThat(receiver.port()).isEqualTo(port);
        assertThat(receiver.dsn()).isEqualTo("http://loopbackkey@127.0.0.1:" + port + "/1");
        return;
      } catch (IllegalStateException taken) {
        if (attempt == 5) {
          throw taken;
        }
      }
    }
  }

  @Test
  void aPortInUseIsReportedWithThePort() {
    try (LoopbackSentryReceiver first = LoopbackSentryReceiver.start()) {
      assertThatThrownBy(() -> LoopbackSentryReceiver.start(first.port()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("cannot listen on 127.0.0.1:" + first.port());
    }
  }

  @Test
  void mainPrintsTheDsnToPaste() throws Exception {
    // any free port, so the test never depends on the default port being free
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
            DevServer.class.getName(),
            "--port",
            "0");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.startsWith("Every event it receives")) {
          break;
        }
      }
    } finally {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    String listening = "Local Sentry receiver listening on 127.0.0.1:";
    String port =
        lines.stream()
            .filter(line -> line.startsWith(listening))
            .map(line -> line.substring(listening.length(), line.length() - 1))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no port in " + lines));
    assertThat(Integer.parseInt(port)).isPositive();
    assertThat(lines).contains("  SENTRY_DSN=http://loopbackkey@127.0.0.1:" + port + "/1");
  }
}
