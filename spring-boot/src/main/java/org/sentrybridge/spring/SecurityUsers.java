package org.sentrybridge.spring;

import io.sentry.protocol.User;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The Spring Security user, in a class of its own: loaded only where Spring Security is. */
final class SecurityUsers {

  private SecurityUsers() {}

  /** The authenticated user of this thread as a Sentry user, or null. */
  static User current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null
        || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken
        || authentication.getName() == null) {
      return null;
    }
    User user = new User();
    user.setUsername(authentication.getName());
    return user;
  }
}
