package org.sentrybridge;

import java.util.Map;

/**
 * Read-only figures of the running integration, for health checks and meters. Counts run from the
 * start of the integration.
 *
 * @param queued log events and errors waiting for the delivery thread
 * @param buffered events made into envelopes and held (memory and disk) until Sentry accepts them
 * @param delivered envelopes Sentry accepted; 0 when the application's own SDK sends them
 * @param dropped events dropped, per kind ({@code "dropped: queue full"}, {@code "rejected by
 *     Sentry: HTTP 413"}), on the way to the SDK and behind it
 * @param reachable false while Sentry rate-limits the integration or it backs off after network
 *     failures (events are then buffered)
 */
public record BridgeStats(
    int queued, int buffered, long delivered, Map<String, Long> dropped, boolean reachable) {

  /**
   * Copies the map of drops.
   *
   * @param queued see the record description
   * @param buffered see the record description
   * @param delivered see the record description
   * @param dropped see the record description
   * @param reachable see the record description
   */
  public BridgeStats {
    dropped = Map.copyOf(dropped);
  }

  /**
   * Everything dropped, whatever the kind.
   *
   * @return the sum of {@link #dropped()}
   */
  public long droppedTotal() {
    return dropped.values().stream().mapToLong(Long::longValue).sum();
  }
}
