package org.sentrybridge.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sentrybridge.StatusReporter;

/**
 * A Sentry Java SDK version ({@code major.minor.patch}, a suffix such as {@code -beta.1} ignored)
 * and the range of {@code io.sentry:sentry} versions sentry-bridge supports: {@value #OLDEST} up to
 * every patch of {@value #NEWEST_MINOR}. Another dependency (the official {@code sentry-logback},
 * say) can make the build pick an SDK outside it; that is reported once per process.
 */
record SdkVersion(int major, int minor, int patch) implements Comparable<SdkVersion> {

  /** The oldest supported SDK. */
  static final String OLDEST = "8.53.0";
  /** The newest supported SDK line: every {@code 8.63.x}. */
  static final String NEWEST_MINOR = "8.63";
  /** The SDK sentry-bridge is built and tested on (the compiler copies the SDK's constant). */
  static final String BUILT_ON = io.sentry.BuildConfig.VERSION_NAME;

  private static final Pattern FORM = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");
  private static final AtomicBoolean REPORTED = new AtomicBoolean();

  /** The version in {@code text}, or null when it is not {@code major.minor[.patch][suffix]}. */
  static SdkVersion parse(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      return null;
    }
    try {
      return new SdkVersion(
          Integer.parseInt(m.group(1)),
          Integer.parseInt(m.group(2)),
          m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    } catch (NumberFormatException tooLong) {
      return null;
    }
  }

  /** True for {@value #OLDEST} up to any {@value #NEWEST_MINOR}.x. */
  boolean isSupported() {
    SdkVersion newest = parse(NEWEST_MINOR);
    return compareTo(parse(OLDEST)) >= 0
        && (major < newest.major || (major == newest.major && minor <= newest.minor));
  }

  @Override
  public int compareTo(SdkVersion other) {
    if (major != other.major) {
      return Integer.compare(major, other.major);
    }
    if (minor != other.minor) {
      return Integer.compare(minor, other.minor);
    }
    return Integer.compare(patch, other.patch);
  }

  /**
   * The SDK version actually on the class path. Read at run time: the constant {@code
   * BuildConfig.VERSION_NAME} would be the one compiled against.
   */
  static String running() {
    try {
      return String.valueOf(
          Class.forName("io.sentry.BuildConfig").getField("VERSION_NAME").get(null));
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }

  /** The warning for an SDK outside the supported range; null when {@code running} is inside. */
  static String problem(String running) {
    SdkVersion version = parse(running);
    if (version != null && version.isSupported()) {
      return null;
    }
    return "io.sentry:sentry " + (running == null ? "(unknown version)" : running)
        + " is on the class path, but sentry-bridge supports " + OLDEST + " to " + NEWEST_MINOR
        + ".x (built on " + BUILT_ON + "); another dependency (such as io.sentry:sentry-logback)"
        + " may have chosen it: put io.sentry:sentry and every other io.sentry module of the build"
        + " on one supported version, " + BUILT_ON + " preferably";
  }

  /** Warns once per process when the SDK on the class path is outside the supported range. */
  static void check(String running, StatusReporter reporter) {
    String problem = problem(running);
    if (problem != null && REPORTED.compareAndSet(false, true)) {
      reporter.warn(problem);
    }
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
