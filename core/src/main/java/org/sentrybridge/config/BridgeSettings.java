package org.sentrybridge.config;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
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
  /** Default of {@code captureScope}. */
  public static final boolean DEFAULT_CAPTURE_SCOPE = true;
  /** Default of {@code queueSize}: log events waiting for the delivery thread. */
  public static final int DEFAULT_QUEUE_SIZE = 10_000;
  /** Default of {@code maxBufferedEvents}: envelopes kept in memory before spilling to disk. */
  public static final int DEFAULT_MAX_BUFFERED_EVENTS = 2_000;
  /** Default of {@code maxBufferBytes}: 100 MiB of envelopes on disk. */
  public static final long DEFAULT_MAX_BUFFER_BYTES = 100L * 1024 * 1024;
  /** Default of {@code maxRequestsInFlight}: requests to Sentry awaiting their answer at once. */
  public static final int DEFAULT_MAX_REQUESTS_IN_FLIGHT = 32;
  /** Default of {@code dedupeWindow}. */
  public static final Duration DEFAULT_DEDUPE_WINDOW = Duration.ofSeconds(60);
  /** Default of {@code flushTimeout}: how long stop/close waits for delivery. */
  public static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(5);
  /**
   * Highest {@code maxRequestsInFlight}: over plain http each request in flight takes a thread,
   * and Sentry's ingestion throttles a client long before this.
   */
  public static final int MAX_REQUESTS_IN_FLIGHT_LIMIT = 256;

  /** Default of {@code failOnConfigurationError}: configuration problems are warnings. */
  public static final boolean DEFAULT_FAIL_ON_CONFIGURATION_ERROR = false;

  private final boolean enabled;
  private final String dsn;
  private final boolean sendMetadata;
  private final boolean captureScope;
  private final String environment;
  private final String release;
  private final Map<String, String> init;
  private final Path bufferDir;
  private final int queueSize;
  private final int maxBufferedEvents;
  private final long maxBufferBytes;
  private final int maxRequestsInFlight;
  private final Duration dedupeWindow;
  private final Duration flushTimeout;
  private final boolean failOnConfigurationError;
  private final List<String> problems;

  private BridgeSettings(Builder b) {
    this.enabled = b.enabled;
    this.dsn = b.dsn;
    this.sendMetadata = b.sendMetadata;
    this.captureScope = b.captureScope;
    this.environment = blankToNull(b.environment);
    this.release = blankToNull(b.release);
    this.init = Collections.unmodifiableMap(new LinkedHashMap<>(b.init));
    this.bufferDir = b.bufferDir;
    this.queueSize = b.queueSize;
    this.maxBufferedEvents = b.maxBufferedEvents;
    this.maxBufferBytes = b.maxBufferBytes;
    this.maxRequestsInFlight = b.maxRequestsInFlight;
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

  /**
   * Starts settings with every default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * false turns the integration fully off: no SDK, no service, nothing sent. Default true.
   *
   * @return whether the integration runs
   */
  public boolean enabled() {
    return enabled;
  }

  /**
   * The DSN as configured (may be absent or an unresolved placeholder). Default none.
   *
   * @return the DSN, or null
   */
  public String dsn() {
    return dsn;
  }

  /**
   * Attach OS, runtime, host, logger, thread and MDC to events. Default true.
   *
   * @return whether events carry metadata
   */
  public boolean sendMetadata() {
    return sendMetadata;
  }

  /**
   * Errors carry the Sentry scope of the thread that logged or sent them (tags, user, request,
   * contexts, trace, breadcrumbs), read on that thread. {@code false}: the thread's scope is not
   * read; events carry only the process-wide global scope, and log-line breadcrumbs are kept per
   * appender. Default true.
   *
   * @return whether errors carry the thread's Sentry scope
   */
  public boolean captureScope() {
    return captureScope;
  }

  /**
   * Sentry environment, or null to leave it to the SDK's sources.
   *
   * @return the environment, or null
   */
  public String environment() {
    return environment;
  }

  /**
   * Sentry release, or null to leave it to the SDK's sources.
   *
   * @return the release, or null
   */
  public String release() {
    return release;
  }

  /**
   * SDK options by name, applied after the SDK's own sources. Default empty.
   *
   * @return option names and values as text, in the order given
   */
  public Map<String, String> init() {
    return init;
  }

  /**
   * Where undelivered envelopes are kept on disk. Null (the default) means {@code
   * <java.io.tmpdir>/sentry-bridge-<user name>/<hash of the DSN>}, private to the OS user.
   *
   * @return the configured directory, or null for the default
   */
  public Path bufferDir() {
    return bufferDir;
  }

  /**
   * The buffer directory for this DSN: the configured one or the default under the temp dir.
   *
   * @param resolvedDsn the DSN in use, from wherever it came
   * @return the directory
   */
  public Path bufferDirFor(String resolvedDsn) {
    if (bufferDir != null) {
      return bufferDir;
    }
    String key = Integer.toHexString(Objects.hashCode(resolvedDsn));
    return defaultBufferRoot().resolve(key);
  }

  /**
   * The directory that holds the default buffer directories of this OS user, one per DSN: {@code
   * <java.io.tmpdir>/sentry-bridge-<user name>}.
   *
   * @return the directory, which may not exist yet
   */
  public static Path defaultBufferRoot() {
    String user = System.getProperty("user.name", "");
    String safe = user.replaceAll("[^A-Za-z0-9._-]", "_");
    String name = safe.isEmpty() ? "sentry-bridge" : "sentry-bridge-" + safe;
    return Paths.get(System.getProperty("java.io.tmpdir"), name);
  }

  /**
   * Log events that may wait for the delivery thread. Default 10000.
   *
   * @return the queue's capacity
   */
  public int queueSize() {
    return queueSize;
  }

  /**
   * Undelivered envelopes kept in memory; later ones spill to {@link #bufferDir()}. Default 2000.
   *
   * @return the number of envelopes
   */
  public int maxBufferedEvents() {
    return maxBufferedEvents;
  }

  /**
   * Bytes of envelopes kept on disk. Past it (and past {@link #maxBufferedEvents()}) the oldest
   * repeat summaries are dropped first, then the oldest events; drops are reported at most once a
   * minute. Default 100 MiB.
   *
   * @return the number of bytes
   */
  public long maxBufferBytes() {
    return maxBufferBytes;
  }

  /**
   * Requests to Sentry that may await their answer at the same time: over HTTP/2 (https) they
   * share one connection, over HTTP/1.1 each has its own, reused. 1 to 256; default 32.
   *
   * @return the number of requests
   */
  public int maxRequestsInFlight() {
    return maxRequestsInFlight;
  }

  /**
   * Flood control: the same error (exception type, top in-app frame, logger and message template)
   * of the same user within this window is sent once at once, then once more with tag and extra
   * {@code repeats} when the window ends; errors of different users are never folded together (up
   * to 100 users per error and window). Zero turns it off. Default 60 s.
   *
   * @return the window; zero when off
   */
  public Duration dedupeWindow() {
    return dedupeWindow;
  }

  /**
   * How long stop/close waits for queued and buffered events to be delivered; what is left then
   * stays in {@link #bufferDir()} for the next start and is reported. Not at all once Sentry is
   * unreachable: a request failed on the network, before the stop or during it, and one more made
   * at once failed too. At JVM exit, when the logging framework has not stopped the integration,
   * delivery gets this long once the application's shutdown is over (its shutdown hooks and
   * non-daemon threads; at most 60 s after the exit began). Default 5 s.
   *
   * @return the timeout
   */
  public Duration flushTimeout() {
    return flushTimeout;
  }

  /**
   * Configuration problems (these settings' own, and the appender's) are reported as warnings and
   * leave sentry-bridge off while the application starts and runs. {@code true} reports them as
   * errors instead, which makes loaders that stop on configuration errors (Spring Boot with
   * Logback) refuse to start: for teams that want a bad Sentry setting to fail fast. Default false.
   *
   * @return whether configuration problems are reported as errors
   */
  public boolean failOnConfigurationError() {
    return failOnConfigurationError;
  }

  /**
   * Every problem found in these settings, each naming its setting; empty when valid.
   *
   * @return the problems
   */
  public List<String> problems() {
    return problems;
  }

  /**
   * Whether these settings have no problem.
   *
   * @return true when {@link #problems()} is empty
   */
  public boolean isValid() {
    return problems.isEmpty();
  }

  @Override
  public String toString() {
    return "BridgeSettings{enabled=" + enabled + ", dsn=" + (dsn == null ? "none" : Dsns.mask(dsn))
        + ", sendMetadata=" + sendMetadata + ", captureScope=" + captureScope + ", environment="
        + environment + ", release=" + release + ", init=" + init.keySet() + ", bufferDir=" + bufferDir + ", queueSize="
        + queueSize + ", maxBufferedEvents=" + maxBufferedEvents + ", maxBufferBytes="
        + maxBufferBytes + ", maxRequestsInFlight=" + maxRequestsInFlight + ", dedupeWindow="
        + dedupeWindow + ", flushTimeout=" + flushTimeout + ", failOnConfigurationError="
        + failOnConfigurationError + "}";
  }

  /**
   * Equal settings run the integration the same way (a reconfiguration can keep it running).
   *
   * @param o the other settings
   * @return true when every setting is the same
   */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof BridgeSettings)) {
      return false;
    }
    BridgeSettings other = (BridgeSettings) o;
    return enabled == other.enabled
        && sendMetadata == other.sendMetadata
        && captureScope == other.captureScope
        && queueSize == other.queueSize
        && maxBufferedEvents == other.maxBufferedEvents
        && maxBufferBytes == other.maxBufferBytes
        && maxRequestsInFlight == other.maxRequestsInFlight
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

  /**
   * Consistent with {@link #equals}.
   *
   * @return a hash of every setting
   */
  @Override
  public int hashCode() {
    return Objects.hash(
        enabled, dsn, sendMetadata, captureScope, environment, release, init, bufferDir, queueSize,
        maxBufferedEvents, maxBufferBytes, maxRequestsInFlight, dedupeWindow, flushTimeout,
        failOnConfigurationError, problems);
  }

  /**
   * Every process-wide setting whose value differs from those of {@code running}, one line each,
   * naming the setting, the value here and the running one: DSN keys masked, and of {@code init}
   * only the names of the options that differ (their values may be secrets).
   *
   * @param running the settings the integration runs with
   * @return each setting that differs with its line, in the order of {@link Setting}; empty when
   *     none
   */
  public Map<Setting, String> differencesFrom(BridgeSettings running) {
    Map<Setting, String> differences = new EnumMap<>(Setting.class);
    for (Setting setting : Setting.of(Setting.Part.CORE)) {
      Object here = setting.valueIn(this);
      Object there = setting.valueIn(running);
      if (Objects.equals(here, there)) {
        continue;
      }
      if (setting == Setting.INIT) {
        differences.put(setting, "init: " + differingOptions(init, running.init) + " differ");
      } else {
        differences.put(
            setting,
            setting.settingName() + ": " + setting.describe(here) + " (running: "
                + setting.describe(there) + ")");
      }
    }
    return differences;
  }

  private static List<String> differingOptions(Map<String, String> a, Map<String, String> b) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, String> option : a.entrySet()) {
      if (!Objects.equals(option.getValue(), b.get(option.getKey()))) {
        names.add(option.getKey());
      }
    }
    for (String name : b.keySet()) {
      if (!a.containsKey(name)) {
        names.add(name);
      }
    }
    return names;
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
    private boolean captureScope = DEFAULT_CAPTURE_SCOPE;
    private String environment;
    private String release;
    private final Map<String, String> init = new LinkedHashMap<>();
    private Path bufferDir;
    private int queueSize = DEFAULT_QUEUE_SIZE;
    private int maxBufferedEvents = DEFAULT_MAX_BUFFERED_EVENTS;
    private long maxBufferBytes = DEFAULT_MAX_BUFFER_BYTES;
    private int maxRequestsInFlight = DEFAULT_MAX_REQUESTS_IN_FLIGHT;
    private Duration dedupeWindow = DEFAULT_DEDUPE_WINDOW;
    private Duration flushTimeout = DEFAULT_FLUSH_TIMEOUT;
    private boolean failOnConfigurationError = DEFAULT_FAIL_ON_CONFIGURATION_ERROR;
    private final List<String> problems = new ArrayList<>();

    private Builder() {}

    /**
     * See {@link BridgeSettings#enabled()}.
     *
     * @param enabled false turns the integration off
     * @return this builder
     */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /**
     * See {@link BridgeSettings#enabled()}.
     *
     * @param text {@code true} or {@code false}; null keeps the default
     * @return this builder
     */
    public Builder enabled(String text) {
      if (text == null) {
        return this; // not configured: keep the default
      }
      Boolean value = SettingParsers.parseBoolean("enabled", text, problems);
      return value == null ? this : enabled(value);
    }

    /**
     * See {@link BridgeSettings#dsn()}.
     *
     * @param dsn the DSN; null, blank or a placeholder for none
     * @return this builder
     */
    public Builder dsn(String dsn) {
      this.dsn = dsn == null ? null : dsn.trim();
      return this;
    }

    /**
     * See {@link BridgeSettings#sendMetadata()}.
     *
     * @param sendMetadata false sends the exception, message, level, timestamp and trace context
     *     only
     * @return this builder
     */
    public Builder sendMetadata(boolean sendMetadata) {
      this.sendMetadata = sendMetadata;
      return this;
    }

    /**
     * See {@link BridgeSettings#sendMetadata()}.
     *
     * @param text {@code true} or {@code false}; null keeps the default
     * @return this builder
     */
    public Builder sendMetadata(String text) {
      if (text == null) {
        return this; // not configured: keep the default
      }
      Boolean value = SettingParsers.parseBoolean("sendMetadata", text, problems);
      return value == null ? this : sendMetadata(value);
    }

    /**
     * See {@link BridgeSettings#captureScope()}.
     *
     * @param captureScope false reads no thread's scope: events carry the global scope only
     * @return this builder
     */
    public Builder captureScope(boolean captureScope) {
      this.captureScope = captureScope;
      return this;
    }

    /**
     * See {@link BridgeSettings#captureScope()}.
     *
     * @param text {@code true} or {@code false}; null keeps the default
     * @return this builder
     */
    public Builder captureScope(String text) {
      if (text == null) {
        return this; // not configured: keep the default
      }
      Boolean value = SettingParsers.parseBoolean("captureScope", text, problems);
      return value == null ? this : captureScope(value);
    }

    /**
     * See {@link BridgeSettings#environment()}.
     *
     * @param environment the environment; null or blank for the SDK's sources
     * @return this builder
     */
    public Builder environment(String environment) {
      this.environment = environment;
      return this;
    }

    /**
     * See {@link BridgeSettings#release()}.
     *
     * @param release the release; null for the SDK's sources
     * @return this builder
     */
    public Builder release(String release) {
      this.release = release;
      return this;
    }

    /**
     * Adds one SDK option, e.g. {@code init("tracesSampleRate", "0.2")}.
     *
     * @param name the option's name
     * @param value the option's value as text
     * @return this builder
     */
    public Builder init(String name, String value) {
      if (name == null || name.trim().isEmpty()) {
        problems.add("init: an option has no name");
      } else {
        init.put(name.trim(), value == null ? "" : value.trim());
      }
      return this;
    }

    /**
     * Adds SDK options; see {@link #init(String, String)}.
     *
     * @param options names and values as text
     * @return this builder
     */
    public Builder init(Map<String, String> options) {
      options.forEach(this::init);
      return this;
    }

    /**
     * See {@link BridgeSettings#bufferDir()}.
     *
     * @param bufferDir the directory; null for the default
     * @return this builder
     */
    public Builder bufferDir(Path bufferDir) {
      this.bufferDir = bufferDir;
      return this;
    }

    /**
     * See {@link BridgeSettings#bufferDir()}.
     *
     * @param text the directory; null or blank for the default
     * @return this builder
     */
    public Builder bufferDir(String text) {
      return bufferDir(text == null || text.trim().isEmpty() ? null : Paths.get(text.trim()));
    }

    /**
     * See {@link BridgeSettings#queueSize()}.
     *
     * @param queueSize at least 1
     * @return this builder
     */
    public Builder queueSize(int queueSize) {
      if (queueSize < 1) {
        problems.add("queueSize: " + queueSize + " must be at least 1");
      } else {
        this.queueSize = queueSize;
      }
      return this;
    }

    /**
     * See {@link BridgeSettings#queueSize()}.
     *
     * @param text a whole number, at least 1; null keeps the default
     * @return this builder
     */
    public Builder queueSize(String text) {
      if (text == null) {
        return this; // not configured: keep the default
      }
      Long value = SettingParsers.parseLong("queueSize", text, 1, problems);
      return value == null ? this : queueSize((int) Math.min(Integer.MAX_VALUE, value));
    }

    /**
     * See {@link BridgeSettings#maxBufferedEvents()}.
     *
     * @param maxBufferedEvents at least 1
     * @return this builder
     */
    public Builder maxBufferedEvents(int maxBufferedEvents) {
      if (maxBufferedEvents < 1) {
        problems.add("maxBufferedEvents: " + maxBufferedEvents + " must be at least 1");
      } else {
        this.maxBufferedEvents = maxBufferedEvents;
      }
      return this;
    }

    /**
     * See {@link BridgeSettings#maxBufferedEvents()}.
     *
     * @param text a whole number, at least 1; null keeps the default
     * @return this builder
     */
    public Builder maxBufferedEvents(String text) {
      if (text == null) {
        return this; // not configured: keep the default
      }
      Long value = SettingParsers.parseLong("maxBufferedEvents", text, 1, problems);
      return value == null
          ? this
          : maxBufferedEvents((int) Math.min(Integer.MAX_VALUE, value));
    }

    /**
     * See {@link BridgeSettings#maxBufferBytes()}. Zero keeps nothing on disk.
     *
     * @param maxBufferBytes not negative
     * @return this builder
     */
    public Builder maxBufferBytes(long maxBufferBytes) {
      if (maxBufferBytes < 0) {
        problems.add("maxBufferBytes: " + maxBufferBytes + " must not be negative");
      } else {
        this.maxBufferBytes = maxBufferBytes;
      }
      return this;
    }

    /**
     * See {@link BridgeSettings#maxBufferBytes()}.
     *
     * @param text a size such as {@code 64MB}; null keeps the default
     * @return this builder
     */
    public Builder maxBufferBytes(String text) {
      if (text == null) {
        return this; // not configured: keep the default
      }
      Long value = SettingParsers.parseBytes("maxBufferBytes", text, problems);
      return value == null ? this : maxBufferBytes(value);
    }

    /**
     * See {@link BridgeSettings#maxRequestsInFlight()}.
     *
     * @param maxRequestsInFlight 1 to 256
     * @return this builder
     */
    public Builder maxRequestsInFlight(int maxRequestsInFlight) {
      if (maxRequestsInFlight < 1 || maxRequestsInFlight > MAX_REQUESTS_IN_FLIGHT_LIMIT) {
        problems.add(
            "maxRequestsInFlight: " + maxRequestsInFlight + " must be between 1 and "
                + MAX_REQUESTS_IN_FLIGHT_LIMIT);
      } else {
        this.maxRequestsInFlight = maxRequestsInFlight;
      }
      return this;
    }

    /**
     * See {@link BridgeSettings#maxRequestsInFlight()}.
     *
     * @param text a whole number, 1 to 256; null keeps the default
     * @return this builder
     */
    public Builder maxRequestsInFlight(String text) {
      if (text == null) {
        return this; // not configured: keep the default
      }
      Long value = SettingParsers.parseLong("maxRequestsInFlight", text, 1, problems);
      return value == null
          ? this
          : maxRequestsInFlight((int) Math.min(Integer.MAX_VALUE, value));
    }

    /**
     * See {@link BridgeSettings#dedupeWindow()}.
     *
     * @param dedupeWindow the window; zero turns deduplication off
     * @return this builder
     */
    public Builder dedupeWindow(Duration dedupeWindow) {
      this.dedupeWindow = Objects.requireNonNull(dedupeWindow, "dedupeWindow");
      return this;
    }

    /**
     * See {@link BridgeSettings#dedupeWindow()}.
     *
     * @param text a duration such as {@code 30s}; null keeps the default
     * @return this builder
     */
    public Builder dedupeWindow(String text) {
      if (text == null) {
        return this; // not configured: keep the default
      }
      Duration value = SettingParsers.parseDuration("dedupeWindow", text, problems);
      return value == null ? this : dedupeWindow(value);
    }

    /**
     * See {@link BridgeSettings#flushTimeout()}.
     *
     * @param flushTimeout the timeout
     * @return this builder
     */
    public Builder flushTimeout(Duration flushTimeout) {
      this.flushTimeout = Objects.requireNonNull(flushTimeout, "flushTimeout");
      return this;
    }

    /**
     * See {@link BridgeSettings#flushTimeout()}.
     *
     * @param text a duration such as {@code 5s}; null keeps the default
     * @return this builder
     */
    public Builder flushTimeout(String text) {
      if (text == null) {
        return this; // not configured: keep the default
      }
      Duration value = SettingParsers.parseDuration("flushTimeout", text, problems);
      return value == null ? this : flushTimeout(value);
    }

    /**
     * See {@link BridgeSettings#failOnConfigurationError()}.
     *
     * @param failOnConfigurationError true to report configuration problems as errors
     * @return this builder
     */
    public Builder failOnConfigurationError(boolean failOnConfigurationError) {
      this.failOnConfigurationError = failOnConfigurationError;
      return this;
    }

    /**
     * See {@link BridgeSettings#failOnConfigurationError()}; null keeps the default.
     *
     * @param text {@code true} or {@code false}
     * @return this builder
     */
    public Builder failOnConfigurationError(String text) {
      if (text == null) {
        return this; // not configured: keep the default
      }
      Boolean value = SettingParsers.parseBoolean("failOnConfigurationError", text, problems);
      return value == null ? this : failOnConfigurationError(value);
    }

    /**
     * Records a problem found by an adapter, so that all problems are reported together.
     *
     * @param problem the message, naming the setting
     * @return this builder
     */
    public Builder problem(String problem) {
      problems.add(problem);
      return this;
    }

    /**
     * The settings, with every problem found so far.
     *
     * @return the settings; check {@link BridgeSettings#problems()}
     */
    public BridgeSettings build() {
      return new BridgeSettings(this);
    }
  }
}
