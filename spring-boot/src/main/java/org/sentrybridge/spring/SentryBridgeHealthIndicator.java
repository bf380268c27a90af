package org.sentrybridge.spring;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The health of sentry-bridge under Spring Boot 3 Actuator ({@code /actuator/health}, component
 * {@code sentryBridge}): {@code UP} while Sentry accepts events, {@code DEGRADED} while it cannot
 * be reached or rate-limits (events are then buffered, the application is not affected), {@code
 * UNKNOWN} when nothing is sent (no DSN). Details: queued, buffered, delivered, dropped per kind.
 */
public final class SentryBridgeHealthIndicator implements HealthIndicator {

  /** Created by the auto-configuration. */
  public SentryBridgeHealthIndicator() {}

  @Override
  public Health health() {
    HealthFigures figures = HealthFigures.now();
    return Health.status(new Status(figures.status())).withDetails(figures.details()).build();
  }
}
