package org.sentrybridge.spring;

import io.sentry.EventProcessor;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.exception.ExceptionMechanismException;
import io.sentry.protocol.Mechanism;
import io.sentry.protocol.SentryException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.sentrybridge.SentryBridge;
import org.sentrybridge.SentryService;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Sends an exception that no other resolver of Spring MVC handled (neither an
 * {@code @ExceptionHandler} nor a response status), while the request's scope is still bound, as
 * an unhandled error. It resolves nothing: the exception goes on to the servlet container, whose
 * log line about it is then recognised by the SDK as the same exception and not sent again.
 */
public final class SentryExceptionResolver implements HandlerExceptionResolver, Ordered {

  /** The mechanism type of these events. */
  public static final String MECHANISM_TYPE = "HandlerExceptionResolver";

  /** Creates the resolver. */
  public SentryExceptionResolver() {}

  @Override
  public ModelAndView resolveException(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    if (!SpringIntegration.isActive()) {
      return null;
    }
    // find(), not service(): never starts an integration of its own
    Optional<SentryService> running = SentryBridge.find().filter(SentryService::isEnabled);
    running.ifPresent(
        service -> {
          service.getInstance().ifPresent(scopes -> ResolvedExceptions.INSTANCE.add(ex, scopes));
          service.sendError(ex, (scope, scopes) -> scope.addEventProcessor(UNHANDLED));
        });
    return null;
  }

  /** After every resolver of Spring MVC: what reaches this one, the application did not handle. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  private static final EventProcessor UNHANDLED =
      new EventProcessor() {
        @Override
        public SentryEvent process(SentryEvent event, Hint hint) {
          if (event.getExceptions() != null && !event.getExceptions().isEmpty()) {
            for (SentryException exception : event.getExceptions()) {
              if (exception.getMechanism() != null) {
                exception.getMechanism().setHandled(false);
                exception.getMechanism().setType(MECHANISM_TYPE);
              }
            }
          } else if (event.getThrowable() != null) {
            event.setThrowable(
                new ExceptionMechanismException(unhandled(), event.getThrowable(), null, false));
          }
          return event;
        }
      };

  private static Mechanism unhandled() {
    Mechanism mechanism = new Mechanism();
    mechanism.setType(MECHANISM_TYPE);
    mechanism.setHandled(false);
    return mechanism;
  }
}
