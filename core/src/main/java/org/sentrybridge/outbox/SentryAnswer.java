package org.sentrybridge.outbox;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Sentry answered to one envelope: the status and the headers that carry rate limits.
 *
 * @param status the HTTP status
 * @param retryAfter the {@code Retry-After} header, or null
 * @param rateLimits the {@code X-Sentry-Rate-Limits} header, or null
 * @param detail Sentry's explanation of an error ({@code {"detail": "..."}}), or null
 */
record SentryAnswer(int status, String retryAfter, String rateLimits, String detail) {

  private static final Pattern DETAIL = Pattern.compile("\"detail\"\\s*:\\s*\"([^\"]{1,200})");

  /** Any 2xx: the envelope was accepted. */
  boolean accepted() {
    return status >= 200 && status < 300;
  }

  /** 429: dropped by Sentry's rate limit, which the headers describe. */
  boolean rateLimited() {
    return status == 429;
  }

  /** The {@code detail} of a JSON error body, if the body is one. */
  static String detailOf(byte[] body) {
    if (body == null || body.length == 0 || body[0] != '{') {
      return null;
    }
    String text = new String(body, 0, Math.min(body.length, 1024), StandardCharsets.UTF_8);
    Matcher matcher = DETAIL.matcher(text);
    return matcher.find() ? matcher.group(1) : null;
  }

  /** "HTTP 413 (envelope exceeded size limits)", for status messages. */
  String describe() {
    return "HTTP " + status + (detail == null ? "" : " (" + detail + ")");
  }
}
