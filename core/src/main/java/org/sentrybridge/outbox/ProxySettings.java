package org.sentrybridge.outbox;

import io.sentry.SentryOptions;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import org.sentrybridge.StatusReporter;

/**
 * The SDK's proxy option ({@code proxy.host}, {@code proxy.port}, {@code proxy.user}, {@code
 * proxy.pass}), resolved once.
 *
 * @param type HTTP (the default) or SOCKS
 */
record ProxySettings(InetSocketAddress address, Proxy.Type type, String user, String pass) {

  /** Null when no proxy is configured, or (reported) when its port is not a number. */
  static ProxySettings of(SentryOptions options, StatusReporter reporter) {
    SentryOptions.Proxy proxy = options.getProxy();
    if (proxy == null || proxy.getHost() == null || proxy.getPort() == null) {
      return null;
    }
    int port;
    try {
      port = Integer.parseInt(proxy.getPort().trim());
    } catch (NumberFormatException e) {
      reporter.warn(
          "init.proxy.port: '" + proxy.getPort() + "' is not a port number; the proxy is ignored");
      return null;
    }
    Proxy.Type type = proxy.getType() == null ? Proxy.Type.HTTP : proxy.getType();
    return new ProxySettings(
        InetSocketAddress.createUnresolved(proxy.getHost(), port),
        type,
        proxy.getUser(),
        proxy.getPass());
  }

  Proxy toProxy() {
    return new Proxy(type, address);
  }

  /** Answers the proxy's authentication challenge only; null without user and password. */
  Authenticator authenticator() {
    if (user == null || pass == null) {
      return null;
    }
    return new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        return getRequestorType() == RequestorType.PROXY
            ? new PasswordAuthentication(user, pass.toCharArray())
            : null;
      }
    };
  }
}
