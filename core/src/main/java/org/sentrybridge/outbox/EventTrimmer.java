package org.sentrybridge.outbox;

import io.sentry.Breadcrumb;
import io.sentry.EventProcessor;
import io.sentry.Hint;
import io.sentry.ISerializer;
import io.sentry.NoOpLogger;
import io.sentry.SentryEvent;
import io.sentry.protocol.Contexts;
import io.sentry.protocol.Message;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryStackFrame;
import io.sentry.protocol.SentryStackTrace;
import io.sentry.protocol.SentryThread;
import io.sentry.util.JsonSerializationUtils;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Cuts an event the way Sentry's ingestion would, before it is sent, so that it is accepted
 * instead of rejected: strings to Sentry's field limits, then, for an event still over Sentry's
 * size limit, whole parts in a fixed order. What was cut is listed in the extra {@value #MARK}
 * (one line per cut) and the event gets the tag {@value #MARK}{@code =true}, so a trimmed event is
 * easy to recognise and to search for.
 *
 * <p>As an {@link EventProcessor} (the last one) it applies the field limits to every event:
 * message, formatted text and each parameter, exception values and breadcrumb messages to {@value
 * #TEXT_CHARS} characters, tag values to {@value #TAG_VALUE_CHARS}, string extras to {@value
 * #TEXT_CHARS}, at most {@value #MAX_BREADCRUMBS} breadcrumbs (the newest), at most {@value
 * #MAX_FRAMES} frames per stack trace (cut from the middle, keeping both ends). {@link #fit} then
 * cuts an event whose JSON is still over the size limit: message, formatted text and parameters
 * to {@value #SHORT_TEXT_CHARS} characters, the extras, the breadcrumbs, the stack frames from the
 * middle down to {@value #FEW_FRAMES} per stack trace, the contexts (all but {@code trace}), the
 * tags, until it fits.
 */
final class EventTrimmer implements EventProcessor {

  /** Name of the extra listing the cuts, and of the tag marking a trimmed event. */
  static final String MARK = "trimmed";

  /** Sentry's limit for a message, a formatted message, an exception value. */
  static final int TEXT_CHARS = 8192;
  /** Sentry's limit for a tag value. */
  static final int TAG_VALUE_CHARS = 200;
  static final int MAX_BREADCRUMBS = 100;
  static final int MAX_FRAMES = 250;
  static final int SHORT_TEXT_CHARS = 1024;
  static final int FEW_FRAMES = 50;

  private static final String ELLIPSIS = "...";

  /** The SDK's {@code maxBreadcrumbs}: what a scope would have kept. */
  private final int maxBreadcrumbs;

  /**
   * @param maxBreadcrumbs the SDK's {@code maxBreadcrumbs}
   */
  EventTrimmer(int maxBreadcrumbs) {
    this.maxBreadcrumbs = maxBreadcrumbs;
  }

  @Override
  public SentryEvent process(SentryEvent event, Hint hint) {
    // log lines and the scope's breadcrumbs, merged by the SDK: the newest maxBreadcrumbs of them,
    // as one scope holding them all would keep. Not a cut of Sentry's limits, so not marked.
    keepNewestBreadcrumbs(event, maxBreadcrumbs);
    mark(event, limitFields(event));
    return event;
  }

  /** Applies the field limits; returns what was cut, one line each. */
  static List<String> limitFields(SentryEvent event) {
    List<String> cuts = new ArrayList<>();
    Message message = event.getMessage();
    if (message != null) {
      cutText(cuts, "message.message", message.getMessage(), TEXT_CHARS, message::setMessage);
      cutText(cuts, "message.formatted", message.getFormatted(), TEXT_CHARS, message::setFormatted);
      cutParams(cuts, message, TEXT_CHARS);
    }
    cutTagValues(cuts, event);
    cutStringExtras(cuts, event);
    keepNewestBreadcrumbs(cuts, event, MAX_BREADCRUMBS);
    cutBreadcrumbMessages(cuts, event);
    cutExceptionValues(cuts, event, TEXT_CHARS);
    cutFrames(cuts, event, MAX_FRAMES);
    return cuts;
  }

  /**
   * Cuts whole parts of the event until its JSON is at most {@code maxBytes} long, and marks it.
   *
   * @return false when even the last cut left it too large (Sentry will refuse it)
   */
  static boolean fit(SentryEvent event, long maxBytes, ISerializer serializer) throws IOException {
    List<String> cuts = new ArrayList<>(limitFields(event));
    List<Consumer<List<String>>> steps =
        List.of(
            c -> shortenMessage(c, event),
            c -> removeExtras(c, event),
            c -> removeBreadcrumbs(c, event),
            c -> cutFrames(c, event, FEW_FRAMES),
            c -> removeContexts(c, event),
            c -> removeTags(c, event),
            c -> cutExceptionValues(c, event, SHORT_TEXT_CHARS));
    boolean fits = sizeOf(event, serializer) <= maxBytes;
    for (int i = 0; i < steps.size() && !fits; i++) {
      int before = cuts.size();
      steps.get(i).accept(cuts);
      if (cuts.size() > before) {
        fits = sizeOf(event, serializer) <= maxBytes;
      }
    }
    mark(event, cuts); // the earlier cuts' list is kept by every step
    return fits;
  }

  /** The length in bytes of the event's JSON, counted as the SDK writes it: no text is kept. */
  static long sizeOf(SentryEvent event, ISerializer serializer) throws IOException {
    long bytes = JsonSerializationUtils.byteSizeOf(serializer, NoOpLogger.getInstance(), event);
    if (bytes == 0) {
      // the SDK's count says 0 when the event could not be serialized
      throw new IOException("the event could not be serialized");
    }
    return bytes;
  }

  private static void mark(SentryEvent event, List<String> cuts) {
    if (cuts.isEmpty()) {
      return;
    }
    List<String> all = new ArrayList<>();
    Object earlier = event.getExtra(MARK);
    if (earlier instanceof List<?>) {
      for (Object line : (List<?>) earlier) {
        all.add(String.valueOf(line));
      }
    }
    all.addAll(cuts);
    event.setExtra(MARK, all);
    event.setTag(MARK, "true");
  }

  private static void cutText(
      List<String> cuts, String field, String value, int max, Consumer<String> setter) {
    if (value != null && value.length() > max) {
      setter.accept(cut(value, max));
      cuts.add(field + ": " + value.length() + " characters cut to " + max);
    }
  }

  private static void cutParams(List<String> cuts, Message message, int max) {
    List<String> params = message.getParams();
    if (params == null) {
      return;
    }
    List<String> cutParams = new ArrayList<>(params.size());
    int cut = 0;
    for (String param : params) {
      if (param != null && param.length() > max) {
        cut++;
        cutParams.add(cut(param, max));
      } else {
        cutParams.add(param);
      }
    }
    if (cut > 0) {
      message.setParams(cutParams);
      cuts.add("message.params: " + cut + " cut to " + max + " characters");
    }
  }

  private static void cutTagValues(List<String> cuts, SentryEvent event) {
    Map<String, String> tags = event.getTags();
    if (tags == null) {
      return;
    }
    List<String> longer = new ArrayList<>();
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      if (tag.getValue() != null && tag.getValue().length() > TAG_VALUE_CHARS) {
        longer.add(tag.getKey());
      }
    }
    for (String key : longer) {
      event.setTag(key, cut(event.getTag(key), TAG_VALUE_CHARS));
    }
    if (!longer.isEmpty()) {
      cuts.add(
          "tags: " + longer.size() + " values cut to " + TAG_VALUE_CHARS + " characters ("
              + String.join(", ", longer) + ")");
    }
  }

  private static void cutStringExtras(List<String> cuts, SentryEvent event) {
    Map<String, Object> extras = event.getExtras();
    if (extras == null) {
      return;
    }
    List<String> longer = new ArrayList<>();
    for (Map.Entry<String, Object> extra : extras.entrySet()) {
      if (extra.getValue() instanceof String && ((String) extra.getValue()).length() > TEXT_CHARS) {
        longer.add(extra.getKey());
      }
    }
    for (String key : longer) {
      event.setExtra(key, cut((String) event.getExtra(key), TEXT_CHARS));
    }
    if (!longer.isEmpty()) {
      cuts.add(
          "extra: " + longer.size() + " values cut to " + TEXT_CHARS + " characters ("
              + String.join(", ", longer) + ")");
    }
  }

  private static void keepNewestBreadcrumbs(List<String> cuts, SentryEvent event, int max) {
    int removed = keepNewestBreadcrumbs(event, max);
    if (removed > 0) {
      cuts.add("breadcrumbs: " + removed + " oldest removed, " + max + " kept");
    }
  }

  /** Keeps the newest {@code max} breadcrumbs; returns how many older ones went. */
  private static int keepNewestBreadcrumbs(SentryEvent event, int max) {
    List<Breadcrumb> crumbs = event.getBreadcrumbs();
    if (crumbs == null || crumbs.size() <= max) {
      return 0;
    }
    event.setBreadcrumbs(new ArrayList<>(crumbs.subList(crumbs.size() - max, crumbs.size())));
    return crumbs.size() - max;
  }

  private static void cutBreadcrumbMessages(List<String> cuts, SentryEvent event) {
    List<Breadcrumb> crumbs = event.getBreadcrumbs();
    if (crumbs == null) {
      return;
    }
    int cut = 0;
    for (Breadcrumb crumb : crumbs) {
      String text = crumb.getMessage();
      if (text != null && text.length() > TEXT_CHARS) {
        crumb.setMessage(cut(text, TEXT_CHARS));
        cut++;
      }
    }
    if (cut > 0) {
      cuts.add("breadcrumbs: " + cut + " messages cut to " + TEXT_CHARS + " characters");
    }
  }

  private static void cutExceptionValues(List<String> cuts, SentryEvent event, int max) {
    List<SentryException> exceptions = event.getExceptions();
    if (exceptions == null) {
      return;
    }
    int cut = 0;
    for (SentryException exception : exceptions) {
      String value = exception.getValue();
      if (value != null && value.length() > max) {
        exception.setValue(cut(value, max));
        cut++;
      }
    }
    if (cut > 0) {
      cuts.add("exception values: " + cut + " cut to " + max + " characters");
    }
  }

  /** Keeps {@code max} frames of each stack trace: the outermost half and the innermost half. */
  private static void cutFrames(List<String> cuts, SentryEvent event, int max) {
    int removed = 0;
    int traces = 0;
    if (event.getExceptions() != null) {
      for (SentryException exception : event.getExceptions()) {
        int cut = cutFrames(exception.getStacktrace(), max);
        removed += cut;
        traces += cut > 0 ? 1 : 0;
      }
    }
    if (event.getThreads() != null) {
      for (SentryThread thread : event.getThreads()) {
        int cut = cutFrames(thread.getStacktrace(), max);
        removed += cut;
        traces += cut > 0 ? 1 : 0;
      }
    }
    if (removed > 0) {
      cuts.add(
          "frames: " + removed + " cut from the middle of " + traces + " stack traces, " + max
              + " kept in each");
    }
  }

  private static int cutFrames(SentryStackTrace stackTrace, int max) {
    List<SentryStackFrame> frames = stackTrace == null ? null : stackTrace.getFrames();
    if (frames == null || frames.size() <= max) {
      return 0;
    }
    int head = max / 2;
    List<SentryStackFrame> kept = new ArrayList<>(frames.subList(0, head));
    kept.addAll(frames.subList(frames.size() - (max - head), frames.size()));
    stackTrace.setFrames(kept);
    return frames.size() - max;
  }

  private static void shortenMessage(List<String> cuts, SentryEvent event) {
    Message message = event.getMessage();
    if (message != null) {
      cutText(cuts, "message.message", message.getMessage(), SHORT_TEXT_CHARS, message::setMessage);
      cutText(
          cuts,
          "message.formatted",
          message.getFormatted(),
          SHORT_TEXT_CHARS,
          message::setFormatted);
      cutParams(cuts, message, SHORT_TEXT_CHARS);
    }
  }

  private static void removeExtras(List<String> cuts, SentryEvent event) {
    Map<String, Object> extras = event.getExtras();
    if (extras != null && !extras.isEmpty()) {
      List<String> names = new ArrayList<>(extras.keySet());
      names.remove(MARK);
      if (!names.isEmpty()) {
        Collections.sort(names);
        for (String name : names) {
          event.removeExtra(name);
        }
        cuts.add("extra: removed (" + String.join(", ", names) + ")");
      }
    }
  }

  private static void removeBreadcrumbs(List<String> cuts, SentryEvent event) {
    List<Breadcrumb> crumbs = event.getBreadcrumbs();
    if (crumbs != null && !crumbs.isEmpty()) {
      event.setBreadcrumbs(new ArrayList<>());
      cuts.add("breadcrumbs: all " + crumbs.size() + " removed");
    }
  }

  private static void removeContexts(List<String> cuts, SentryEvent event) {
    Contexts contexts = event.getContexts();
    List<String> names = new ArrayList<>(Collections.list(contexts.keys()));
    names.remove("trace");
    if (!names.isEmpty()) {
      Collections.sort(names);
      for (String name : names) {
        contexts.remove(name);
      }
      cuts.add("contexts: removed (" + String.join(", ", names) + ")");
    }
  }

  private static void removeTags(List<String> cuts, SentryEvent event) {
    Map<String, String> tags = event.getTags();
    if (tags != null && !tags.isEmpty()) {
      List<String> names = new ArrayList<>(tags.keySet());
      names.remove(MARK);
      if (!names.isEmpty()) {
        for (String name : names) {
          event.removeTag(name);
        }
        cuts.add("tags: " + names.size() + " removed");
      }
    }
  }

  /** The text cut to {@code max} characters, ending in "...", never splitting a surrogate pair. */
  static String cut(String value, int max) {
    if (value == null || value.length() <= max) {
      return value;
    }
    int end = Math.max(0, max - ELLIPSIS.length());
    if (end > 0 && Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(0, end) + ELLIPSIS;
  }
}
