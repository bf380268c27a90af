package org.sentrybridge.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** DSN helpers: placeholder detection, validation and masking of the keys in every message. */
public final class Dsns {

  private Dsns() {}

  /**
   * True for values that mean "no DSN": null, blank, a placeholder the configuration left
   * literal ({@code ${SENTRY_DSN}}, {@code ${env:SENTRY_DSN}}) or Logback's {@code
   * SENTRY_DSN_IS_UNDEFINED}.
   *
   * @param dsn the configured value
   * @return true when it means "no DSN"
   */
  public static boolean isAbsent(String dsn) {
    if (dsn == null) {
      return true;
    }
    String trimmed = dsn.trim();
    return trimmed.isEmpty() || trimmed.contains("${") || trimmed.endsWith("_IS_UNDEFINED");
  }

  /**
   * Returns why {@code dsn} is not a usable Sentry DSN, or null when it is. The reason never
   * contains the DSN's keys.
   *
   * @param dsn a DSN that is not absent
   * @return the reason, or null for a usable DSN
   */
  public static String problem(String dsn) {
    String text = dsn.trim();
    int schemeEnd = text.indexOf("://");
    String scheme = schemeEnd < 0 ? "" : text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "it must start with https:// or http://";
    }
    String rest = text.substring(schemeEnd + 3);
    int pathStart = rest.indexOf('/');
    String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
    String path = pathStart < 0 ? "" : rest.substring(pathStart);
    int at = authority.lastIndexOf('@');
    if (at <= 0) {
      return "the public key before '@' is missing";
    }
    String hostAndPort = authority.substring(at + 1);
    if (hostAndPort.isEmpty() || hostAndPort.startsWith(":")) {
      return "the host is missing";
    }
    URI uri;
    try {
      uri = new URI(scheme, null, "//" + hostAndPort + path, null);
    } catch (URISyntaxException e) {
      return "the host or path is not valid";
    }
    if (uri.getHost() == null) {
      return "the host is not valid";
    }
    if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
      return "the port " + uri.getPort() + " is not between 1 and 65535";
    }
    if (path.length() <= 1 || path.endsWith("/")) {
      return "the project id at the end of the path is missing";
    }
    String projectId = path.substring(path.lastIndexOf('/') + 1);
    if (!projectId.chars().allMatch(Character::isLetterOrDigit)) {
      return "the project id at the end of the path is not a plain id";
    }
    return null;
  }

  private static final Pattern URL_USER_INFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s'\"<>]+@");

  /**
   * {@code text} with the keys of every URL in it replaced by {@code ***} ({@code
   * https://***@o1.ingest.sentry.io/42}): for text that may quote a DSN from any source.
   *
   * @param text any text; may be null
   * @return the masked text; null for null
   */
  public static String maskAll(String text) {
    return text == null ? null : URL_USER_INFO.matcher(text).replaceAll("$1***@");
  }

  /**
   * The DSN with its keys replaced by {@code ***}: {@code https://***@o1.ingest.sentry.io/42}.
   * Safe for any string, valid DSN or not.
   *
   * @param dsn any text; null gives {@code "null"}
   * @return the text to show
   */
  public static String mask(String dsn) {
    if (dsn == null) {
      return "null";
    }
    int at = dsn.lastIndexOf('@');
    if (at < 0) {
      return dsn.length() > 12 ? "***" : dsn;
    }
    int schemeEnd = dsn.indexOf("://");
    String prefix = schemeEnd >= 0 && schemeEnd < at ? dsn.substring(0, schemeEnd + 3) : "";
    return prefix + "***" + dsn.substring(at);
  }
}
