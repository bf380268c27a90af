package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.sentrybridge.logback.LogbackFixture.WAIT;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.LoggingEventVO;
import ch.qos.logback.classic.spi.ThrowableProxy;
import io.sentry.SentryEvent;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryStackFrame;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An event received from another process, as {@code SocketAppender} sends it and {@code
 * ServerSocketReceiver} hands it to the loggers: serialised, its throwable a {@code
 * ThrowableProxyVO} with no class behind it. It is sent as a logged throwable is.
 */
class RemoteEventTest {

  @RegisterExtension final LogbackFixture logging = new LogbackFixture();

  @Test
  void aDeserialisedEventBecomesAnEventWithItsExceptionChain() throws Exception {
    logging.open("defaults.xml");
    Logger remote = logging.logback.logger("com.example.remote.Billing");
    IllegalStateException error =
        new IllegalStateException("charge failed", new IOException("gateway down"));
    error.addSuppressed(new TimeoutException("rollback timed out"));
    LoggingEvent original =
        new LoggingEvent(Logger.class.getName(), remote, Level.ERROR, "charge {} failed", error,
            new Object[] {"c-9"});

    ILoggingEvent received = overTheWire(LoggingEventVO.build(original));
    assertThat(received.getThrowableProxy()).isNotInstanceOf(ThrowableProxy.class);
    remote.callAppenders(received);

    SentryEvent event = logging.receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.getMessage().getFormatted()).isEqualTo("charge c-9 failed");
    assertThat(event.getExceptions())
        .extracting(SentryException::getType, SentryException::getModule, SentryException::getValue)
        .containsExactly(
            tuple("IOException", "java.io", "gateway down"),
            tuple("TimeoutException", "java.util.concurrent", "rollback timed out"),
            tuple("IllegalStateException", "java.lang", "charge failed"));
    SentryException top = event.getExceptions().get(2);
    assertThat(top.getMechanism().getType()).isEqualTo("logback");
    assertThat(top.getMechanism().isHandled()).isTrue();
    assertThat(event.getExceptions().get(1).getMechanism().getType()).isEqualTo("suppressed");
    assertThat(event.getExceptions().get(0).getMechanism().getType()).isEqualTo("chained");
    assertThat(top.getStacktrace().getFrames())
        .extracting(SentryStackFrame::getFunction)
        .contains("aDeserialisedEventBecomesAnEventWithItsExceptionChain");
    assertThat(top.getStacktrace().getFrames())
        .filteredOn(f -> "aDeserialisedEventBecomesAnEventWithItsExceptionChain"
            .equals(f.getFunction()))
        .allSatisfy(f -> assertThat(f.getModule()).isEqualTo(RemoteEventTest.class.getName()));
  }

  private static ILoggingEvent overTheWire(LoggingEventVO event) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(event);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (ILoggingEvent) in.readObject();
    }
  }
}
