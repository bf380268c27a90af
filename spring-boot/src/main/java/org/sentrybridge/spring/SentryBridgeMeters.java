package org.sentrybridge.spring;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.sentrybridge.BridgeStats;
import org.sentrybridge.SentryBridge;

/**
 * Micrometer meters of sentry-bridge: {@code sentry.bridge.events.queued} and {@code
 * sentry.bridge.events.buffered} (gauges), {@code sentry.bridge.events.delivered} and {@code
 * sentry.bridge.events.dropped} (counters, the latter tagged with its {@code reason}), and {@code
 * sentry.bridge.reachable} (1 or 0). A counter for a new drop reason appears at the first reading
 * after that reason first occurred.
 */
public final class SentryBridgeMeters implements MeterBinder {

  private final Set<String> knownReasons = ConcurrentHashMap.newKeySet();

  /** Created by the auto-configuration. */
  public SentryBridgeMeters() {}

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("sentry.bridge.events.queued", () -> read(registry).queued())
        .description("Events waiting for sentry-bridge's delivery thread")
        .register(registry);
    Gauge.builder("sentry.bridge.events.buffered", () -> read(registry).buffered())
        .description("Events held in memory or on disk until Sentry accepts them")
        .register(registry);
    FunctionCounter.builder(
            "sentry.bridge.events.delivered", this, meters -> read(registry).delivered())
        .description("Events Sentry accepted")
        .register(registry);
    Gauge.builder("sentry.bridge.reachable", () -> read(registry).reachable() ? 1 : 0)
        .description("1 while Sentry accepts events, 0 while it cannot be reached or rate-limits")
        .register(registry);
  }

  /** The figures now; registers a counter for each drop reason seen for the first time. */
  private BridgeStats read(MeterRegistry registry) {
    BridgeStats stats =
        SentryBridge.stats().orElseGet(() -> new BridgeStats(0, 0, 0, Map.of(), true));
    for (String reason : stats.dropped().keySet()) {
      if (knownReasons.add(reason)) {
        FunctionCounter.builder(
                "sentry.bridge.events.dropped",
                this,
                meters -> SentryBridge.stats().map(s -> s.dropped().getOrDefault(reason, 0L)).orElse(0L))
            .description("Events dropped on the way to Sentry, or rejected by it")
            .tag("reason", reason)
            .register(registry);
      }
    }
    return stats;
  }
}
