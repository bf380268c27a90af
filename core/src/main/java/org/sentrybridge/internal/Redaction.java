package org.sentrybridge.internal;

import org.sentrybridge.config.Dsns;

/** Keeps DSN keys out of messages that quote other libraries' exception texts. */
final class Redaction {

  private Redaction() {}

  static String redact(String text, String dsn) {
    if (text == null) {
      return "";
    }
    if (dsn == null || dsn.isEmpty()) {
      return text;
    }
    String redacted = text.replace(dsn, Dsns.mask(dsn));
    int schemeEnd = dsn.indexOf("://");
    int at = dsn.lastIndexOf('@');
    if (schemeEnd >= 0 && at > schemeEnd + 3) {
      redacted = redacted.replace(dsn.substring(schemeEnd + 3, at), "***");
    }
    return redacted;
  }
}
