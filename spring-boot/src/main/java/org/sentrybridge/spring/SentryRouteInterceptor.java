package org.sentrybridge.spring;

import io.sentry.Sentry;
import io.sentry.protocol.User;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Names the request's Sentry scope after its route ({@code GET /orders/{id}}) once Spring MVC has
 * chosen the handler, and sets the Spring Security user (with {@code send-default-pii}, as the
 * SDK wants for personal data).
 */
final class SentryRouteInterceptor implements HandlerInterceptor {

  private final boolean security;

  SentryRouteInterceptor(boolean security) {
    this.security = security;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!Sentry.isEnabled() || !SpringIntegration.isActive()) {
      return true;
    }
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    User user =
        security && Sentry.getCurrentScopes().getOptions().isSendDefaultPii()
            ? SecurityUsers.current()
            : null;
    Sentry.configureScope(
        scope -> {
          if (pattern != null) {
            scope.setTransaction(request.getMethod() + " " + pattern);
          }
          if (user != null) {
            scope.setUser(user);
          }
        });
    return true;
  }
}
