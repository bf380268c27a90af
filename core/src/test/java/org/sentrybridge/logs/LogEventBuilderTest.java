package org.sentrybridge.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.JsonSerializer;
import io.sentry.SentryAttributeType;
import io.sentry.SentryLogEvent;
import io.sentry.SentryLogEventAttributeValue;
import io.sentry.SentryLogLevel;
import io.sentry.SentryOptions;
import io.sentry.protocol.SentryId;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The size a batch counts for an entry: never below what the SDK serializes. */
class LogEventBuilderTest {

  private final JsonSerializer serializer = new JsonSerializer(new SentryOptions());

  @ParameterizedTest
  @ValueSource(
      strings = {
        "order 42 paid",
        "ご注文は支払い済みです。",
        "Größe: 5 €, naïve café",
        "party \uD83C\uDF89\uD83C\uDF89 time",
        "tab\tnew line\ncontrol \u0001\u001f end",
        "quote \" backslash \\ slash /",
        "<a href='x?a=1&b=2'>link</a>",
        "line\u2028paragraph\u2029end"
      })
  void theEstimateIsAtLeastTheSerializedBytes(String text) throws Exception {
    SentryLogEvent log =
        new SentryLogEvent(new SentryId(), 1_700_000_000.123, text, SentryLogLevel.INFO);
    log.setAttribute("sentry.message.template", new SentryLogEventAttributeValue("string", text));
    log.setAttribute("mdc." + text, new SentryLogEventAttributeValue("string", text));
    log.setAttribute(
        "sentry.message.parameter.0",
        new SentryLogEventAttributeValue(SentryAttributeType.INTEGER, 42));
    log.setAttribute(
        "flag", new SentryLogEventAttributeValue(SentryAttributeType.BOOLEAN, true));

    assertThat(LogEventBuilder.estimatedBytes(log)).isGreaterThanOrEqualTo(serializedBytes(log));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ご注文は支払い済みです。", "plain ascii text", "\uD83C\uDF89"})
  void textCountsAtLeastItsUtf8Bytes(String text) {
    String repeated = text.repeat(100);

    assertThat(LogEventBuilder.jsonBytes(repeated))
        .isGreaterThanOrEqualTo(repeated.getBytes(StandardCharsets.UTF_8).length);
  }

  private int serializedBytes(SentryLogEvent log) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
      serializer.serialize(log, writer);
    }
    return bytes.size();
  }
}
