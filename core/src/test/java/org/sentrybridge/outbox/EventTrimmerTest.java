package org.sentrybridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Breadcrumb;
import io.sentry.JsonSerializer;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryStackFrame;
import io.sentry.protocol.SentryStackTrace;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cuts, one by one, on events built in memory. */
class EventTrimmerTest {

  /** An SDK {@code maxBreadcrumbs} above Sentry's limit: only that limit cuts. */
  private static final int LARGER_THAN_SENTRYS_LIMIT = 1_000;

  private final JsonSerializer serializer = new JsonSerializer(new SentryOptions());

  @Test
  void aSmallEventIsLeftAsItIs() {
    SentryEvent event = new SentryEvent();
    event.setMessage(message("short", "short", List.of("a")));
    event.setTag("tenant", "acme");

    new EventTrimmer(LARGER_THAN_SENTRYS_LIMIT).process(event, null);

    assertThat(event.getMessage().getFormatted()).isEqualTo("short");
    assertThat(event.getTag("trimmed")).isNull();
    assertThat(event.getExtras()).isNull();
  }

  @Test
  void textsAreCutToSentrysFieldLimitsAndTheCutsListed() {
    SentryEvent event = new SentryEvent();
    String long9000 = "m".repeat(9_000);
    event.setMessage(message(long9000, long9000, List.of("p".repeat(10_000), "short")));
    event.setTag("tenant", "t".repeat(300));
    event.setTag("ok", "fine");
    event.setExtra("payload", "e".repeat(20_000));
    event.setExtra("count", 3);

    new EventTrimmer(LARGER_THAN_SENTRYS_LIMIT).process(event, null);

    assertThat(event.getMessage().getMessage()).hasSize(8192).endsWith("mm...");
    assertThat(event.getMessage().getFormatted()).hasSize(8192);
    assertThat(event.getMessage().getParams().get(0)).hasSize(8192);
    assertThat(event.getMessage().getParams().get(1)).isEqualTo("short");
    assertThat(event.getTag("tenant")).hasSize(200).endsWith("...");
    assertThat(event.getTag("ok")).isEqualTo("fine");
    assertThat((String) event.getExtra("payload")).hasSize(8192);
    assertThat(event.getExtra("count")).isEqualTo(3);
    assertThat(event.getTag("trimmed")).isEqualTo("true");
    assertThat(event.getExtra("trimmed"))
        .isEqualTo(
            List.of(
                "message.message: 9000 characters cut to 8192",
                "message.formatted: 9000 characters cut to 8192",
                "message.params: 1 cut to 8192 characters",
                "tags: 1 values cut to 200 characters (tenant)",
                "extra: 1 values cut to 8192 characters (payload)"));
  }

  @Test
  void theNewestOfTheSdksMaxBreadcrumbsAreKeptWithoutMarkingTheEvent() {
    SentryEvent event = new SentryEvent();
    List<Breadcrumb> crumbs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      crumbs.add(new Breadcrumb("crumb " + i)); // log lines and scope breadcrumbs, merged
    }
    event.setBreadcrumbs(crumbs);

    new EventTrimmer(10).process(event, null);

    assertThat(event.getBreadcrumbs()).extracting(Breadcrumb::getMessage)
        .containsExactly(
            "crumb 10", "crumb 11", "crumb 12", "crumb 13", "crumb 14",
            "crumb 15", "crumb 16", "crumb 17", "crumb 18", "crumb 19");
    assertThat(event.getExtra("trimmed")).isNull();
    assertThat(event.getTag("trimmed")).isNull();
  }

  @Test
  void theNewestHundredBreadcrumbsAreKept() {
    SentryEvent event = new SentryEvent();
    List<Breadcrumb> crumbs = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      crumbs.add(new Breadcrumb("crumb " + i));
    }
    event.setBreadcrumbs(crumbs);

    new EventTrimmer(LARGER_THAN_SENTRYS_LIMIT).process(event, null);

    assertThat(event.getBreadcrumbs()).hasSize(100);
    assertThat(event.getBreadcrumbs().get(0).getMessage()).isEqualTo("crumb 30");
    assertThat(event.getBreadcrumbs().get(99).getMessage()).isEqualTo("crumb 129");
    assertThat(event.getExtra("trimmed"))
        .isEqualTo(List.of("breadcrumbs: 30 oldest removed, 100 kept"));
  }

  @Test
  void stackFramesAreCutFromTheMiddleKeepingBothEnds() {
    SentryEvent event = new SentryEvent();
    SentryException exception = new SentryException();
    List<SentryStackFrame> frames = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      SentryStackFrame frame = new SentryStackFrame();
      frame.setFunction("f" + i);
      frames.add(frame);
    }
    exception.setStacktrace(new SentryStackTrace(frames));
    event.setExceptions(List.of(exception));

    new EventTrimmer(LARGER_THAN_SENTRYS_LIMIT).process(event, null);

    List<SentryStackFrame> kept = exception.getStacktrace().getFrames();
    assertThat(kept).hasSize(250);
    assertThat(kept.get(0).getFunction()).isEqualTo("f0");
    assertThat(kept.get(124).getFunction()).isEqualTo("f124");
    assertThat(kept.get(125).getFunction()).isEqualTo("f875");
    assertThat(kept.get(249).getFunction()).isEqualTo("f999");
    assertThat(event.getExtra("trimmed"))
        .isEqualTo(List.of("frames: 750 cut from the middle of 1 stack traces, 250 kept in each"));
  }

  @Test
  void theSizeIsTheLengthInUtf8BytesOfTheSdksJson() throws Exception {
    SentryEvent event = new SentryEvent();
    event.setMessage(message("t\u00e9mplate \"{}\"", "formatted \u65e5\u672c \ud83d\ude00", null));
    event.setTag("tenant", "\u00e0cme");
    StringWriter json = new StringWriter();
    serializer.serialize(event, json);

    long size = EventTrimmer.sizeOf(event, new OneWriteSerializer(serializer));

    assertThat(size).isEqualTo(json.toString().getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void anEventOverTheSizeLimitLosesWholePartsInOrderUntilItFits() throws Exception {
    SentryEvent event = new SentryEvent();
    event.setMessage(message("template", "formatted", null));
    List<Breadcrumb> crumbs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      crumbs.add(new Breadcrumb("b".repeat(8_000)));
    }
    event.setBreadcrumbs(crumbs);
    event.setExtra("small", "s");
    event.setTag("tenant", "acme");
    assertThat(EventTrimmer.sizeOf(event, serializer)).isGreaterThan(800_000);

    boolean fits = EventTrimmer.fit(event, 100_000, serializer);

    assertThat(fits).isTrue();
    assertThat(EventTrimmer.sizeOf(event, serializer)).isLessThanOrEqualTo(100_000);
    assertThat(event.getBreadcrumbs()).isEmpty();
    assertThat(event.getExtras()).containsOnlyKeys("trimmed");
    assertThat(event.getTag("tenant")).as("tags go after breadcrumbs").isEqualTo("acme");
    assertThat(event.getExtra("trimmed"))
        .isEqualTo(List.of("extra: removed (small)", "breadcrumbs: all 100 removed"));
  }

  @Test
  void cuttingNeverSplitsASurrogatePair() {
    String emoji = "\uD83D\uDE00"; // one character, two chars in Java
    String text = "a".repeat(4) + emoji + "b".repeat(10);

    String cut = EventTrimmer.cut(text, 8);

    assertThat(cut).isEqualTo("aaaa...");
    assertThat(EventTrimmer.cut(text, 9)).isEqualTo("aaaa" + emoji + "...");
    assertThat(EventTrimmer.cut("short", 8)).isEqualTo("short");
  }

  private static Message message(String template, String formatted, List<String> params) {
    Message message = new Message();
    message.setMessage(template);
    message.setFormatted(formatted);
    message.setParams(params);
    return message;
  }
}
