package org.sentrybridge.spring;

import io.sentry.Breadcrumb;
import io.sentry.IScopes;
import io.sentry.ISentryLifecycleToken;
import io.sentry.Sentry;
import io.sentry.SentryOptions;
import io.sentry.protocol.Request;
import io.sentry.util.HttpUtils;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every servlet request a Sentry scope of its own, forked from the current one, holding the
 * request's method, URL, query and headers: the errors the request logs carry them, with the
 * breadcrumbs of this request alone. {@code Authorization}, {@code Cookie} and {@code Set-Cookie}
 * are never sent; the other headers the SDK counts as sensitive only with {@code
 * send-default-pii}. Runs before Spring Security's filters, so their errors carry the request too.
 */
public final class SentryRequestFilter extends OncePerRequestFilter implements Ordered {

  /** Before Spring Security's filter chain ({@code -100}) and the request-wrapping filters. */
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

  private static final Set<String> NEVER_SENT = Set.of("authorization", "cookie", "set-cookie");

  /** Creates the filter. */
  public SentryRequestFilter() {}

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    IScopes parent = Sentry.getCurrentScopes();
    if (!parent.isEnabled() || !SpringIntegration.isActive()) {
      chain.doFilter(request, response);
      return;
    }
    IScopes scopes = parent.forkedScopes("sentry-bridge.request");
    try (ISentryLifecycleToken ignored = scopes.makeCurrent()) {
      Request described = describe(request, scopes.getOptions());
      scopes.configureScope(
          scope -> {
            scope.setRequest(described);
            scope.setTransaction(request.getMethod() + " " + request.getRequestURI());
          });
      scopes.addBreadcrumb(Breadcrumb.http(described.getUrl(), request.getMethod()));
      chain.doFilter(request, response);
    }
  }

  static Request describe(HttpServletRequest request, SentryOptions options) {
    Request described = new Request();
    described.setMethod(request.getMethod());
    described.setUrl(request.getRequestURL().toString());
    described.setQueryString(request.getQueryString());
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      String lower = name.toLowerCase(java.util.Locale.ROOT);
      if (NEVER_SENT.contains(lower)
          || (!options.isSendDefaultPii() && HttpUtils.containsSensitiveHeader(name))) {
        continue;
      }
      headers.put(name, String.join(",", Collections.list(request.getHeaders(name))));
    }
    described.setHeaders(headers);
    return described;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
