package org.sentrybridge.outbox;

import io.sentry.ISerializer;
import io.sentry.JsonDeserializer;
import io.sentry.SentryEnvelope;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.util.Arrays;
import java.util.Map;

/**
 * The SDK's own serializer, given a private, unsynchronized buffer to write into: the finished
 * text goes to the destination {@code Writer} in one write. The output is the same, character for
 * character.
 *
 * <p>Why: the SDK serializes an envelope item (an event, a batch of log entries) into a {@code
 * BufferedWriter}, whose every {@code write} takes a lock, and its JSON writer makes several small
 * writes per field (quotes, names, separators, values). Since Java 15 an uncontended lock is no
 * longer free, and those writes were about half of the time spent serializing a batch of log
 * entries. Set on the SDK's options, so every item the SDK serializes goes this way; everything
 * else is the SDK's serializer's.
 */
public final class OneWriteSerializer implements ISerializer {

  private final ISerializer sdk;

  /**
   * @param sdk the SDK's serializer, which does the work
   */
  public OneWriteSerializer(ISerializer sdk) {
    this.sdk = sdk;
  }

  /**
   * Serializes into the buffer when {@code writer} is a {@code BufferedWriter} (how the SDK writes
   * an item's data); any other writer (the SDK's byte counter, which keeps no text) takes the
   * SDK's writes as they come.
   */
  @Override
  public <T> void serialize(T entity, Writer writer) throws IOException {
    if (!(writer instanceof BufferedWriter)) {
      sdk.serialize(entity, writer);
      return;
    }
    TextBuffer text = new TextBuffer();
    sdk.serialize(entity, text);
    writer.write(text.chars, 0, text.length);
    writer.flush();
  }

  @Override
  public void serialize(SentryEnvelope envelope, OutputStream outputStream) throws Exception {
    // each item's data is serialized through the serializer the item was made with: this one
    sdk.serialize(envelope, outputStream);
  }

  @Override
  public String serialize(Map<String, Object> data) throws Exception {
    return sdk.serialize(data);
  }

  @Override
  public <T, R> T deserializeCollection(
      Reader reader, Class<T> clazz, JsonDeserializer<R> elementDeserializer) {
    return sdk.deserializeCollection(reader, clazz, elementDeserializer);
  }

  @Override
  public <T> T deserialize(Reader reader, Class<T> clazz) {
    return sdk.deserialize(reader, clazz);
  }

  @Override
  public SentryEnvelope deserializeEnvelope(InputStream inputStream) {
    return sdk.deserializeEnvelope(inputStream);
  }

  /** A growing array of characters, for one thread: no lock, no flushing on the way. */
  private static final class TextBuffer extends Writer {

    /**
     * The largest array growth steps stop at before they double past it: just under 512 KiB, half
     * of G1's smallest region, from which G1 allocates an array as a humongous object outside the
     * young generation. A batch of log entries (at most 240,000 bytes of JSON by its estimate,
     * unless one entry alone is larger) stays below it.
     */
    static final int BELOW_HALF_REGION = 256 * 1024 - 64;

    char[] chars = new char[8192];
    int length;

    private void reserve(int more) {
      int needed = length + more;
      if (needed < 0) {
        throw new OutOfMemoryError("serialized text over 2^31 characters");
      }
      if (needed > chars.length) {
        int grown = chars.length * 2;
        if (chars.length < BELOW_HALF_REGION && grown > BELOW_HALF_REGION) {
          grown = BELOW_HALF_REGION;
        }
        chars = Arrays.copyOf(chars, Math.max(needed, grown));
      }
    }

    @Override
    public void write(int c) {
      reserve(1);
      chars[length++] = (char) c;
    }

    @Override
    public void write(char[] source, int offset, int count) {
      reserve(count);
      System.arraycopy(source, offset, chars, length, count);
      length += count;
    }

    @Override
    public void write(String source, int offset, int count) {
      reserve(count);
      source.getChars(offset, offset + count, chars, length);
      length += count;
    }

    @Override
    public void write(String source) {
      write(source, 0, source.length());
    }

    @Override
    public Writer append(CharSequence sequence) {
      write(String.valueOf(sequence));
      return this;
    }

    @Override
    public Writer append(char c) {
      write(c);
      return this;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
