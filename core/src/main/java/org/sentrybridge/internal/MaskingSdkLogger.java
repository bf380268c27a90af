package org.sentrybridge.internal;

import io.sentry.ILogger;
import io.sentry.SentryLevel;
import io.sentry.SystemOutLogger;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.IllegalFormatException;
import org.sentrybridge.config.Dsns;

/**
 * The SDK's diagnostic output ({@code init debug=true}) as the SDK prints it on standard output,
 * with the DSN's keys masked: the key of the configured DSN wherever it appears, and the user
 * part of every URL.
 */
final class MaskingSdkLogger implements ILogger {

  private final ILogger out = new SystemOutLogger();
  private final String dsn;

  MaskingSdkLogger(String dsn) {
    this.dsn = dsn;
  }

  @Override
  public void log(SentryLevel level, String message, Object... args) {
    out.log(level, "%s", mask(format(message, args)));
  }

  @Override
  public void log(SentryLevel level, String message, Throwable throwable) {
    out.log(level, "%s", mask(message + (throwable == null ? "" : "\n" + stackTrace(throwable))));
  }

  @Override
  public void log(SentryLevel level, Throwable throwable, String message, Object... args) {
    log(level, format(message, args), throwable);
  }

  @Override
  public boolean isEnabled(SentryLevel level) {
    return true; // the SDK's DiagnosticLogger around this one decides (debug, diagnosticLevel)
  }

  private String mask(String text) {
    return Dsns.maskAll(Redaction.redact(text, dsn));
  }

  private static String format(String message, Object... args) {
    if (message == null || args == null || args.length == 0) {
      return String.valueOf(message);
    }
    try {
      return String.format(message, args);
    } catch (IllegalFormatException e) {
      return message;
    }
  }

  private static String stackTrace(Throwable throwable) {
    StringWriter text = new StringWriter();
    try (PrintWriter writer = new PrintWriter(text)) {
      throwable.printStackTrace(writer);
    } catch (RuntimeException e) {
      return throwable.getClass().getName();
    }
    return text.toString();
  }
}
