package org.sentrybridge.internal;

import io.sentry.IScope;
import io.sentry.protocol.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.sentrybridge.ScopeConfigurator;
import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.EventFactory;
import org.sentrybridge.scope.TraceIds;

/**
 * What {@code sendError} takes from its caller's thread, as a logged error does: the MDC (SLF4J)
 * or ThreadContext (Log4j2) entries, {@code contextTags} of them as tags, the rest in the context
 * {@code MDC}, and the user that {@code userMdcKeys} make of them. The core has no logging
 * framework of its own, so each running appender registers how its framework reads the current
 * thread's entries, together with its rules; with several appenders, the entries of every
 * framework are taken, and their {@code contextTags} and {@code userMdcKeys} all apply (for a user
 * field given twice, the appender that started first wins).
 */
public final class CallerContexts {

  /** One running appender's way to read its framework's context, and its rules. */
  private record Source(Object framework, Supplier<Map<String, String>> reader, CaptureRules rules) {}

  /** What {@link #around} uses: one reader per framework and the rules of every appender. */
  private record Merged(List<Supplier<Map<String, String>>> readers, CaptureRules rules) {}

  private static final Merged NONE = new Merged(List.of(), null);
  private static final List<Source> SOURCES = new CopyOnWriteArrayList<>();
  private static volatile Merged merged = NONE;

  private CallerContexts() {}

  /**
   * Registers a running appender: {@code framework} identifies where the entries live (the same
   * object for appenders that read the same MDC), {@code reader} copies the current thread's
   * entries.
   *
   * @return what removes the registration again (the appender's stop)
   */
  public static Runnable register(
      Object framework, Supplier<Map<String, String>> reader, CaptureRules rules) {
    Source source = new Source(framework, reader, rules);
    SOURCES.add(source);
    remerge();
    return () -> {
      SOURCES.removeIf(registered -> registered == source);
      remerge();
    };
  }

  private static synchronized void remerge() {
    if (SOURCES.isEmpty()) {
      merged = NONE;
      return;
    }
    List<Object> frameworks = new ArrayList<>();
    List<Supplier<Map<String, String>>> readers = new ArrayList<>();
    CaptureRules.Builder rules = CaptureRules.builder("sentry-bridge");
    Map<String, String> userFields = new LinkedHashMap<>();
    for (Source source : SOURCES) {
      if (!frameworks.contains(source.framework())) {
        frameworks.add(source.framework());
        readers.add(source.reader());
      }
      rules.contextTags(source.rules().contextTags());
      source.rules().userMdcKeys().forEach(userFields::putIfAbsent);
    }
    userFields.forEach(rules::userMdcKey);
    merged = new Merged(List.copyOf(readers), rules.build());
  }

  /**
   * Reads the caller's entries now, on the caller's thread, and returns the configurator that
   * puts them on the event's scope before {@code configurator} runs (so what it sets wins). Returns
   * {@code configurator} itself when there is nothing to take.
   */
  static ScopeConfigurator around(ScopeConfigurator configurator) {
    Merged current = merged;
    if (current.readers().isEmpty()) {
      return configurator;
    }
    Map<String, String> data = new TreeMap<>();
    for (Supplier<Map<String, String>> reader : current.readers()) {
      Map<String, String> entries = reader.get();
      if (entries != null) {
        entries.forEach(
            (key, value) -> {
              if (key != null && value != null) {
                data.putIfAbsent(key, value);
              }
            });
      }
    }
    if (data.isEmpty()) {
      return configurator;
    }
    CaptureRules rules = current.rules();
    return (scope, scopes) -> {
      apply(data, rules, scope);
      if (configurator != null) {
        configurator.configure(scope, scopes);
      }
    };
  }

  private static void apply(Map<String, String> data, CaptureRules rules, IScope scope) {
    Map<String, Object> rest = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : data.entrySet()) {
      if (entry.getValue() == null || TraceIds.isKey(entry.getKey())) {
        continue; // as for logged errors: the trace ids in the MDC link the event, nothing more
      }
      if (rules.isContextTag(entry.getKey())) {
        scope.setTag(entry.getKey(), entry.getValue());
      } else {
        rest.put(entry.getKey(), entry.getValue());
      }
    }
    if (!rest.isEmpty()) {
      scope.setContexts(EventFactory.MDC_CONTEXT, rest);
    }
    User user = EventFactory.user(data, rules.userMdcKeys());
    if (user != null) {
      scope.setUser(user);
    }
  }
}
