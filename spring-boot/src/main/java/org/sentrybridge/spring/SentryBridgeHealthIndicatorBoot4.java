package org.sentrybridge.spring;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The health of sentry-bridge under Spring Boot 4 Actuator, which moved the health API; the same
 * statuses and details as {@link SentryBridgeHealthIndicator}.
 */
public final class SentryBridgeHealthIndicatorBoot4 implements HealthIndicator {

  /** Created by the auto-configuration. */
  public SentryBridgeHealthIndicatorBoot4() {}

  @Override
  public Health health() {
    HealthFigures figures = HealthFigures.now();
    return Health.status(new Status(figures.status())).withDetails(figures.details()).build();
  }
}
