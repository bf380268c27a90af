package org.sentrybridge.config;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The process-wide settings of sentry-bridge: one vocabulary for Logback, Log4j2 and code.
 * Immutable; made with {@link #builder()}. A builder fed with text (as XML gives it) collects every
 * problem instead of throwing: {@link #problems()} lists them, each naming its setting.
 */
public final class BridgeSettings {

  /** Default of {@code sendMetadata}. */
  public static final boolean DEFAULT_SEND_METADATA = true;
  /** Default of {@code queueSize}: log events waiting for the delivery thread. */
  public static final int DEFAULT_QUEUE_SIZE = 10_000;
  /** Default of {@code maxBufferedEvents}: envelopes kept in memory before spilling to disk. */
  public static final int DEFAULT_MAX_BUFFERED_EVENTS = 2_000;
  /** Default of {@code maxBufferBytes}: 100 MiB of envelopes on disk. */
  public static final long DEFAULT_MAX_BUFFER_BYTES = 100L * 1024 * 1024;
  /** Default of {@code dedupeWindow}. */
  public static final Duration DEFAULT_DEDUPE_WINDOW = Duration.ofSeconds(60);
  /** Default of {@code flushTimeout}: how long stop/close waits for delivery. */
  public static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(5);
  /** Default of {@code failOnConfigurationError}: configuration problems are warnings. */
  public static final boolean DEFAULT_FAIL_ON_CONFIGURATION_ERROR = false;

  private final boolean enabled;
  private final String dsn;
  private final boolean sendMetadata;
  private final String environment;
  private final String release;
  private final Map<String, String> init;
  private final Path bufferDir;
  private final int queueSize;
  private final int maxBufferedEvents;
  private final long maxBufferBytes;
  private final Duration dedupeWindow;
  private final Duration flushTimeout;
  private final boolean failOnConfigurationError;
  private final List<String> problems;

  private BridgeSettings(Builder b) {
    this.enabled = b.enabled;
    this.dsn = b.dsn;
    this.sendMetadata = b.sendMetadata;
    this.environment = blankToNull(b.environment);
    this.release = blankToNull(b.release);
    this.init = Collections.unmodifiableMap(new LinkedHashMap<>(b.init));
    this.bufferDir = b.bufferDir;
    this.queueSize = b.queueSize;
    this.maxBufferedEvents = b.maxBufferedEvents;
    this.maxBufferBytes = b.maxBufferBytes;
    this.dedupeWindow = b.dedupeWindow;
    this.flushTimeout = b.flushTimeout;
    this.failOnConfigurationError = b.failOnConfigurationError;
    List<String> all = new ArrayList<>(b.problems);
    if (enabled && !Dsns.isAbsent(dsn)) {
      String dsnProblem = Dsns.problem(dsn);
      if (dsnProblem != null) {
        all.add(
            "dsn: '" + Dsns.mask(dsn) + "' is not a valid Sentry DSN: " + dsnProblem
                + " (expected https://<key>@<host>/<project id>)");
      }
    }
    all.addAll(SdkOptionCatalog.problems(init));
    this.problems = Collections.unmodifiableList(all);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** false turns the integration fully off: no SDK, no service, nothing sent. Default true. */
  public boolean enabled() {
    return enabled;
  }

  /** The DSN as configured (may be absent or an unresolved placeholder). Default none. */
  public String dsn() {
    return dsn;
  }

  /** Attach OS, runtime, host, logger, thread and MDC to events. Default true. */
  public boolean sendMetadata() {
    return sendMetadata;
  }

  /** Sentry environment, or null to leave it to the SDK's sources. */
  public String environment() {
    return environment;
  }

  /** Sentry release, or null to leave it to the SDK's sources. */
  public String release() {
    return release;
  }

  /** SDK options by name, applied after the SDK's own sources. Default empty. */
  public Map<String, String> init() {
    return init;
  }

  /**
   * Where undelivered envelopes are kept on disk. Null (the default) means {@code
   * <java.io.tmpdir>/sentry-bridge/<hash of the DSN>}.
   */
  public Path bufferDir() {
    return bufferDir;
  }

  /** The buffer directory for this DSN: the configured one or the default under the temp dir. */
  public Path bufferDirFor(String resolvedDsn) {
    if (bufferDir != null) {
      return bufferDir;
    }
    String key = Integer.toHexString(Objects.hashCode(resolvedDsn));
    return Paths.get(System.getProperty("java.io.tmpdir"), "sentry-bridge", key);
  }

  /** Log events that may wait for the delivery thread. Default 10000. */
  public int queueSize() {
    return queueSize;
  }

  /**
   * Undelivered envelopes kept in memory; later ones spill to {@link #bufferDir()}. Default 2000.
   */
  public int maxBufferedEvents() {
    return maxBufferedEvents;
  }

  /**
   * Bytes of envelopes kept on disk. Past it (and past {@link #maxBufferedEvents()}) the oldest
   * repeat summaries are dropped first, then the oldest events; drops are reported at most once a
   * minute. Default 100 MiB.
   */
  public long maxBufferBytes() {
    return maxBufferBytes;
  }

  /**
   * Flood control: the same error (exception type, top in-app frame, logger and message template)
   * within this window is sent once at once, then once more with tag and extra {@code repeats}
   * when the window ends. Zero turns it off. Default 60 s.
   */
  public Duration dedupeWindow() {
    return dedupeWindow;
  }

  /**
   * How long stop/close waits for queued and buffered events to be delivered; what is left then
   * stays in {@link #bufferDir()} for the next start and is reported. Default 5 s.
   */
  public Duration flushTimeout() {
    return flushTimeout;
  }

  /**
   * Configuration problems (these settings' own, and the appender's) are reported as warnings and
   * leave sentry-bridge off while the application starts and runs. {@code true} reports them as
   * errors instead, which makes loaders that stop on configuration errors (Spring Boot with
   * Logback) refuse to start: for teams that want a bad Sentry setting to fail fast. Default false.
   */
  public boolean failOnConfigurationError() {
    return failOnConfigurationError;
  }

  /** Every problem found in these settings, each naming its setting; empty when valid. */
  public List<String> problems() {
    return problems;
  }

  public boolean isValid() {
    return problems.isEmpty();
  }

  @Override
  public String toString() {
    return "BridgeSettings{enabled=" + enabled + ", dsn=" + (dsn == null ? "none" : Dsns.mask(dsn))
        + ", sendMetadata=" + sendMetadata + ", environment=" + environment + ", release="
        + release + ", init=" + init.keySet() + ", bufferDir=" + bufferDir + ", queueSize="
        + queueSize + ", maxBufferedEvents=" + maxBufferedEvents + ", maxBufferBytes="
        + maxBufferBytes + ", dedupeWindow=" + dedupeWindow + ", flushTimeout=" + flushTimeout
        + ", failOnConfigurationError=" + failOnConfigurationError + "}";
  }

  /** Equal settings run the integration the same way (a reconfiguration can keep it running). */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof BridgeSettings)) {
      return false;
    }
    BridgeSettings other = (BridgeSettings) o;
    return enabled == other.enabled
        && sendMetadata == other.sendMetadata
        && queueSize == other.queueSize
        && maxBufferedEvents == other.maxBufferedEvents
        && maxBufferBytes == other.maxBufferBytes
        && failOnConfigurationError == other.failOnConfigurationError
        && Objects.equals(dsn, other.dsn)
        && Objects.equals(environment, other.environment)
        && Objects.equals(release, other.release)
        && init.equals(other.init)
        && Objects.equals(bufferDir, other.bufferDir)
        && dedupeWindow.equals(other.dedupeWindow)
        && flushTimeout.equals(other.flushTimeout)
        && problems.equals(other.problems);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dsn, environment, release, init, bufferDir, queueSize, flushTimeout);
  }

  private static String blankToNull(String value) {
    return value == null || value.trim().isEmpty() || Dsns.isAbsent(value) ? null : value.trim();
  }

  /**
   * Builds {@link BridgeSettings}. The text setters collect problems rather than throw, and take null
   * as "not configured" (the default stays).
   */
  public static final class Builder {
    private boolean enabled = true;
    private String dsn;
    private boolean sendMetadata = DEFAULT_SEND_METADATA;
    private String environment;
    private String release;
    private final Map<String, String> init = new LinkedHashMap<>();
    private Path bufferDir;
    private int queueSize = DEFAULT_QUEUE_SIZE;
    private int maxBufferedEvents = DEFAULT_MAX_BUFFERED_EVENTS;
    private long maxBufferBytes = DEFAULT_MAX_BUFFER_BYTES;
    private Duration dedupeWindow = DEFAULT_DEDUPE_WINDOW;
    private Duration flushTimeout = DEFAULT_FLUSH_TIMEOUT;
    private boolean failOnConfigurationError = DEFAULT_FAIL_ON_CONFIGURATION_ERROR;
    private final List<String> problems = new ArrayList<>();

    private Builder() {}

    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    public Builder enabled(String text) {
      if (text == null) {
        return this; // not configured: keep the default
      }
      Boolean value = SettingParsers.parseBoolean("enabled", text, problems);
      return value == null ? this : enabled(value);
    }

    public Builder dsn(String dsn) {
      this.dsn = dsn == null ? null : dsn.trim();
      return this;
    }

    public Builder sendMetadata(boolean sendMetadata) {
      this.sendMetadata = sendMetadata;
      return this;
    }

    public Builder sendMetadata(String text) {
      if (text == null) {
        return this; // not configured: keep the default
      }
      Boolean value = SettingParsers.parseBoolean("sendMetadata", text, problems);
      return value == null ? this : sendMetadata(value);
    }

    public Builder environment(String environment) {
      this.environment = environment;
      return this;
    }

    public Builder release(String release) {
      this.release = release;
      return this;
    }

    /** Adds one SDK option, e.g. {@code init("tracesSampleRate", "0.2")}. */
    public Builder init(String name, String value) {
      if (name == null || name.trim().isEmpty()) {
        problems.add("init: an option has no name");
      } else {
        init.put(name.trim(), value == null ? "" : value.trim());
      }
      return this;
    }

    public Builder init(Map<String, String> options) {
      options.forEach(this::init);
      return this;
    }

    public Builder bufferDir(Path bufferDir) {
      this.bufferDir = bufferDir;
      return this;
    }

    public Builder bufferDir(String text) {
      return bufferDir(text == null || text.trim().isEmpty() ? null : Paths.get(text.trim()));
    }

    public Builder queueSize(int queueSize) {
      if (queueSize < 1) {
        problems.add("queueSize: " + queueSize + " must be at least 1");
      } else {
        this.queueSize = queueSize;
      }
      return this;
    }

    public Builder queueSize(String text) {
      if (text == null) {
        return this; // not configured: keep the default
      }
      Long value = SettingParsers.parseLong("queueSize", text, 1, problems);
      return value == null ? this : queueSize((int) Math.min(Integer.MAX_VALUE, value));
    }

    public Builder maxBufferedEvents(int maxBufferedEvents) {
      if (maxBufferedEvents < 1) {
        problems.add("maxBufferedEvents: " + maxBufferedEvents + " must be at least 1");
      } else {
        this.maxBufferedEvents = maxBufferedEvents;
      }
      return this;
    }

    public Builder maxBufferedEvents(String text) {
      if (text == null) {
        return this; // not configured: keep the default
      }
      Long value = SettingParsers.parseLong("maxBufferedEvents", text, 1, problems);
      return value == null
          ? this
          : maxBufferedEvents((int) Math.min(Integer.MAX_VALUE, value));
    }

    /** Zero keeps nothing on disk. */
    public Builder maxBufferBytes(long maxBufferBytes) {
      if (maxBufferBytes < 0) {
        problems.add("maxBufferBytes: " + maxBufferBytes + " must not be negative");
      } else {
        this.maxBufferBytes = maxBufferBytes;
      }
      return this;
    }

    public Builder maxBufferBytes(String text) {
      if (text == null) {
        return this; // not configured: keep the default
      }
      Long value = SettingParsers.parseBytes("maxBufferBytes", text, problems);
      return value == null ? this : maxBufferBytes(value);
    }

    public Builder dedupeWindow(Duration dedupeWindow) {
      this.dedupeWindow = Objects.requireNonNull(dedupeWindow, "dedupeWindow");
      return this;
    }

    public Builder dedupeWindow(String text) {
      if (text == null) {
        return this; // not configured: keep the default
      }
      Duration value = SettingParsers.parseDuration("dedupeWindow", text, problems);
      return value == null ? this : dedupeWindow(value);
    }

    public Builder flushTimeout(Duration flushTimeout) {
      this.flushTimeout = Objects.requireNonNull(flushTimeout, "flushTimeout");
      return this;
    }

    public Builder flushTimeout(String text) {
      if (text == null) {
        return this; // not configured: keep the default
      }
      Duration value = SettingParsers.parseDuration("flushTimeout", text, problems);
      return value == null ? this : flushTimeout(value);
    }

    public Builder failOnConfigurationError(boolean failOnConfigurationError) {
      this.failOnConfigurationError = failOnConfigurationError;
      return this;
    }

    public Builder failOnConfigurationError(String text) {
      if (text == null) {
        return this; // not configured: keep the default
      }
      Boolean value = SettingParsers.parseBoolean("failOnConfigurationError", text, problems);
      return value == null ? this : failOnConfigurationError(value);
    }

    /** Records a problem found by an adapter, so that all problems are reported together. */
    public Builder problem(String problem) {
      problems.add(problem);
      return this;
    }

    public BridgeSettings build() {
      return new BridgeSettings(this);
    }
  }
}
