package org.sentrybridge.logs;

import org.sentrybridge.event.CaptureRules;
import org.sentrybridge.event.LogRecord;

/**
 * What the logging thread hands over for one Sentry log entry: the log event's snapshot, the
 * logging thread's trace and span id (null when unknown), and the appender's rules and metadata
 * choice. Formatting and the building of the entry wait for the logs sender thread.
 *
 * @param record the log event, copied off the framework's mutable objects
 * @param traceId the logging thread's trace id (32 hex digits); null when unknown
 * @param spanId the logging thread's span id (16 hex digits); null when unknown
 * @param rules the appender's rules ({@code contextTags}, origin)
 * @param sendMetadata false: timestamp, level, body, template and parameters only
 */
public record LogEntry(
    LogRecord record, String traceId, String spanId, CaptureRules rules, boolean sendMetadata) {}
