package org.sentrybridge.logback;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.sentrybridge.StatusReporter;
import org.sentrybridge.event.MessageTemplates;

/** Reports a log event the appender could not take, at most once a minute. */
final class FailureReports {

  private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final StatusReporter reporter;
  private final String appenderName;
  private final AtomicLong nextReportAt = new AtomicLong(System.nanoTime());
  private final AtomicLong unreported = new AtomicLong();

  FailureReports(StatusReporter reporter, String appenderName) {
    this.reporter = reporter;
    this.appenderName = appenderName;
  }

  void report(Throwable failure) {
    long count = unreported.incrementAndGet();
    long now = System.nanoTime();
    long due = nextReportAt.get();
    if (now - due >= 0 && nextReportAt.compareAndSet(due, now + INTERVAL_NANOS)) {
      unreported.addAndGet(-count);
      reporter.warn(
          "Sentry appender [" + appenderName + "]: " + count + " log events could not be taken"
              + " (last: " + MessageTemplates.text(failure) + ")");
    }
  }
}
