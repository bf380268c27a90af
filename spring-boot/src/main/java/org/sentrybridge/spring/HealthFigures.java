package org.sentrybridge.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.sentrybridge.BridgeStats;
import org.sentrybridge.SentryBridge;

/** What the health indicators of both Spring Boot lines say, from {@link SentryBridge#stats()}. */
record HealthFigures(String status, Map<String, Object> details) {

  /** Events are held (memory, disk) while Sentry cannot be reached: the application is fine. */
  static final String DEGRADED = "DEGRADED";

  static HealthFigures now() {
    Optional<BridgeStats> running = SentryBridge.stats();
    if (running.isEmpty()) {
      return new HealthFigures("UNKNOWN", Map.of("sending", false));
    }
    BridgeStats stats = running.get();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("sending", true);
    details.put("reachable", stats.reachable());
    details.put("queued", stats.queued());
    details.put("buffered", stats.buffered());
    details.put("delivered", stats.delivered());
    details.put("dropped", stats.dropped());
    return new HealthFigures(stats.reachable() ? "UP" : DEGRADED, details);
  }
}
