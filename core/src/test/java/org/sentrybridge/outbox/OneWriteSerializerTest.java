package org.sentrybridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.ISerializer;
import io.sentry.JsonSerializer;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEnvelopeHeader;
import io.sentry.SentryEnvelopeItem;
import io.sentry.SentryEvent;
import io.sentry.SentryLogEvent;
import io.sentry.SentryLogEventAttributeValue;
import io.sentry.SentryLogEvents;
import io.sentry.SentryLogLevel;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import io.sentry.protocol.SentryId;
import java.io.ByteArrayInputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.SentryService;
import org.sentrybridge.config.BridgeSettings;
import org.sentrybridge.devserver.LoopbackSentryReceiver;
import org.sentrybridge.testing.RecordingStatusReporter;

class OneWriteSerializerTest {

  /** Quotes, backslashes, control characters, non-Latin text and a surrogate pair. */
  private static final String AWKWARD = "say \"hi\" \\ to\n\tthem \u0001 \u00e9t\u00e9 \u65e5 \ud83d\ude00";

  private final SentryOptions options = new SentryOptions();
  private final ISerializer sdk = new JsonSerializer(options);
  private final ISerializer ours = new OneWriteSerializer(new JsonSerializer(options));

  @TempDir Path buffer;

  @Test
  void writesTheSdkSerializersOutputCharacterForCharacter() throws Exception {
    SentryEvent event = new SentryEvent();
    Message message = new Message();
    message.setFormatted(AWKWARD);
    event.setMessage(message);
    event.setTag("tag", AWKWARD);
    // 300 entries: far more text than the buffer's first 8,192 characters
    List<SentryLogEvent> entries = logEntries(300);

    byte[] expected = envelope(sdk, event, entries);
    byte[] written = envelope(ours, event, entries);

    assertThat(written.length).isGreaterThan(8192 * 4);
    assertThat(written).isEqualTo(expected);
    SentryEnvelope read = sdk.deserializeEnvelope(new ByteArrayInputStream(written));
    assertThat(read.getItems()).hasSize(2);
    SentryEvent readEvent = read.getItems().iterator().next().getEvent(sdk);
    assertThat(readEvent.getMessage().getFormatted()).isEqualTo(AWKWARD);
  }

  @Test
  void anItemsWriterGetsTheWholeTextInOneWriteAndACounterTheSdksWrites() throws Exception {
    // about 350,000 characters: the buffer passes the step under half a G1 region and doubles on
    SentryLogEvents batch = new SentryLogEvents(logEntries(1000));
    StringWriter expected = new StringWriter();
    sdk.serialize(batch, expected);
    assertThat(expected.toString().length()).isGreaterThan(300_000);
    StringWriter text = new StringWriter();
    CountingBufferedWriter itemWriter = new CountingBufferedWriter(text);
    CountingWriter counter = new CountingWriter();

    ours.serialize(batch, itemWriter);
    ours.serialize(batch, counter);

    assertThat(text.toString()).isEqualTo(expected.toString());
    assertThat(itemWriter.writes).isEqualTo(1);
    assertThat(counter.chars).isEqualTo(expected.toString().length());
    assertThat(counter.writes).as("not buffered: no copy of the text").isGreaterThan(1000);
  }

  @Test
  void theStartedSdkSerializesThroughItAndEventsArriveWhole() {
    try (LoopbackSentryReceiver receiver = LoopbackSentryReceiver.start();
        SentryService service =
            SentryBridge.start(
                BridgeSettings.builder().dsn(receiver.dsn()).bufferDir(buffer).build(),
                new RecordingStatusReporter())) {
      assertThat(service.getInstance().orElseThrow().getOptions().getSerializer())
          .isInstanceOf(OneWriteSerializer.class);

      SentryId id = service.sendError(new IllegalStateException(AWKWARD));

      SentryEvent received = receiver.awaitEvents(1, Duration.ofSeconds(20)).get(0);
      assertThat(received.getEventId()).isEqualTo(id);
      assertThat(received.getExceptions().get(0).getValue()).isEqualTo(AWKWARD);
    }
  }

  private static List<SentryLogEvent> logEntries(int count) {
    List<SentryLogEvent> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SentryLogEvent entry =
          new SentryLogEvent(new SentryId(), 1.7e9 + i / 7.0, AWKWARD + " #" + i, SentryLogLevel.WARN);
      Map<String, SentryLogEventAttributeValue> attributes = new LinkedHashMap<>();
      attributes.put("sentry.message.parameter.0", new SentryLogEventAttributeValue("integer", i));
      attributes.put("logger.name", new SentryLogEventAttributeValue("string", AWKWARD));
      attributes.put("rate", new SentryLogEventAttributeValue("double", i * 0.1));
      entry.setAttributes(attributes);
      entries.add(entry);
    }
    return entries;
  }

  /** A BufferedWriter, as the SDK makes for an item's data, that counts the writes it is given. */
  private static final class CountingBufferedWriter extends BufferedWriter {
    int writes;

    CountingBufferedWriter(Writer out) {
      super(out);
    }

    @Override
    public void write(int c) throws IOException {
      writes++;
      super.write(c);
    }

    @Override
    public void write(char[] chars, int offset, int count) throws IOException {
      writes++;
      super.write(chars, offset, count);
    }

    @Override
    public void write(String text, int offset, int count) throws IOException {
      writes++;
      super.write(text, offset, count);
    }
  }

  /** A writer that keeps no text, as the SDK's byte counter. */
  private static final class CountingWriter extends Writer {
    int writes;
    long chars;

    @Override
    public void write(char[] source, int offset, int count) {
      writes++;
      chars += count;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  private byte[] envelope(ISerializer serializer, SentryEvent event, List<SentryLogEvent> entries)
      throws Exception {
    SentryEnvelope envelope =
        new SentryEnvelope(
            new SentryEnvelopeHeader(event.getEventId(), options.getSdkVersion()),
            List.of(
                SentryEnvelopeItem.fromEvent(serializer, event),
                SentryEnvelopeItem.fromLogs(serializer, new SentryLogEvents(entries))));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    serializer.serialize(envelope, bytes);
    return bytes.toByteArray();
  }
}
