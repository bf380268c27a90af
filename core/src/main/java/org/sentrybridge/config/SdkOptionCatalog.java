package org.sentrybridge.config;

import io.sentry.ExternalOptions;
import io.sentry.SentryOptions;
import io.sentry.config.PropertiesProvider;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.sentrybridge.sdk.SdkInternals;

/**
 * The Sentry SDK options that {@code init} may set, and their application to {@link SentryOptions}.
 *
 * <p>The primary source is the SDK's own external-configuration parser ({@link ExternalOptions}, the
 * one behind {@code sentry.properties} and {@code SENTRY_*} variables). Which keys it reads, and as
 * which type, is learnt by running it once against a recording provider, so the catalog follows the
 * SDK version on the classpath. Simple-typed setters of {@link SentryOptions} that the external
 * parser does not cover ({@code maxBreadcrumbs}, {@code attachStacktrace}, ...) are the second
 * source. Names match without regard to case, dashes, dots and underscores: {@code
 * tracesSampleRate}, {@code traces-sample-rate} and {@code TRACES_SAMPLE_RATE} are one option.
 */
public final class SdkOptionCatalog {

  enum Kind {
    STRING,
    BOOLEAN,
    DOUBLE,
    LONG,
    INT,
    LIST,
    MAP
  }

  /** An option the SDK's external-configuration parser reads, by its key there. */
  private record External(String key, Kind kind) {}

  /** An option only a setter of {@code SentryOptions} takes. */
  private record Setter(Method method, Kind kind) {}

  private static final Map<String, External> EXTERNAL = discoverExternalKeys();
  private static final Map<String, Setter> SETTERS = discoverSetters();

  private SdkOptionCatalog() {}

  /**
   * Returns the problems with these init options, each naming its key; empty when all are fine.
   *
   * @param init SDK option names and their values as text
   * @return one message per problem
   */
  public static List<String> problems(Map<String, String> init) {
    List<String> problems = new ArrayList<>();
    SentryOptions scratch = null;
    for (Map.Entry<String, String> option : init.entrySet()) {
      String problem = problem(option.getKey(), option.getValue());
      if (problem == null) {
        // well-typed, but the SDK may still refuse the value (sampleRate=5): try it on a scratch
        if (scratch == null) {
          scratch = new SentryOptions();
        }
        problem = refusal(option.getKey(), option.getValue(), scratch);
      }
      if (problem != null) {
        problems.add(problem);
      }
    }
    return problems;
  }

  private static String refusal(String name, String value, SentryOptions scratch) {
    try {
      apply(Collections.singletonMap(name, value), scratch);
      return null;
    } catch (RuntimeException e) {
      return "init." + name + ": '" + (value == null ? "" : value.trim())
          + "' is refused by the Sentry SDK: " + e.getMessage();
    }
  }

  /**
   * Applies validated init options to the SDK options.
   *
   * @param init SDK option names and their values as text, without {@link #problems problems}
   * @param options the SDK options to change
   */
  public static void apply(Map<String, String> init, SentryOptions options) {
    Properties external = new Properties();
    for (Map.Entry<String, String> option : init.entrySet()) {
      String name = option.getKey();
      String value = option.getValue() == null ? "" : option.getValue().trim();
      String mapPrefix = mapPrefix(name);
      External known = EXTERNAL.get(normalize(name));
      if (mapPrefix != null) {
        external.setProperty(
            EXTERNAL.get(normalize(mapPrefix)).key() + name.substring(mapPrefix.length()), value);
      } else if (known != null) {
        external.setProperty(known.key(), value);
      } else {
        invokeSetter(SETTERS.get(normalize(name)), options, value);
      }
    }
    if (!external.isEmpty()) {
      options.merge(
          SdkInternals.externalOptions(new InitOptionsProvider(external)));
    }
  }

  private static String problem(String name, String rawValue) {
    String value = rawValue == null ? "" : rawValue.trim();
    Kind kind;
    if (mapPrefix(name) != null) {
      kind = Kind.STRING;
    } else if (EXTERNAL.containsKey(normalize(name))) {
      kind = EXTERNAL.get(normalize(name)).kind();
    } else if (SETTERS.containsKey(normalize(name))) {
      kind = SETTERS.get(normalize(name)).kind();
    } else {
      return "init." + name + " is not a Sentry SDK option (for example: environment, release,"
          + " serverName, tracesSampleRate, inAppIncludes, tags.<name>, maxBreadcrumbs)";
    }
    if (normalize(name).equals("dsn")) {
      return "init." + name + ": set the DSN with the dsn setting, not inside init";
    }
    String expected = valueProblem(kind, value);
    return expected == null ? null : "init." + name + ": '" + value + "' is not " + expected;
  }

  private static String valueProblem(Kind kind, String value) {
    switch (kind) {
      case BOOLEAN:
        return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")
            ? null
            : "true or false";
      case DOUBLE:
        try {
          Double.parseDouble(value);
          return null;
        } catch (NumberFormatException e) {
          return "a number";
        }
      case LONG:
      case INT:
        try {
          if (kind == Kind.INT) {
            Integer.parseInt(value);
          } else {
            Long.parseLong(value);
          }
          return null;
        } catch (NumberFormatException e) {
          return "a whole number";
        }
      default:
        return null;
    }
  }

  /** For "tags.team" returns "tags" when tags is a map option of the SDK; otherwise null. */
  private static String mapPrefix(String name) {
    int dot = name.indexOf('.');
    if (dot <= 0 || dot == name.length() - 1) {
      return null;
    }
    String prefix = name.substring(0, dot);
    External known = EXTERNAL.get(normalize(prefix));
    return known != null && known.kind() == Kind.MAP ? prefix : null;
  }

  static String normalize(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '-' && c != '.' && c != '_' && !Character.isWhitespace(c)) {
        out.append(Character.toLowerCase(c));
      }
    }
    return out.toString();
  }

  private static void invokeSetter(Setter setter, SentryOptions options, String value) {
    Object argument;
    switch (setter.kind()) {
      case BOOLEAN:
        argument = Boolean.parseBoolean(value);
        break;
      case DOUBLE:
        argument = Double.parseDouble(value);
        break;
      case LONG:
        argument = Long.parseLong(value);
        break;
      case INT:
        argument = Integer.parseInt(value);
        break;
      default:
        argument = value;
        break;
    }
    try {
      setter.method().invoke(options, argument);
    } catch (IllegalAccessException e) {
      throw new IllegalArgumentException(
          "the SDK refused " + setter.method().getName() + "(" + value + ")", e);
    } catch (InvocationTargetException e) {
      Throwable refused = e.getTargetException();
      throw new IllegalArgumentException(refused.getMessage(), refused);
    }
  }

  private static Map<String, External> discoverExternalKeys() {
    Map<String, External> keys = new LinkedHashMap<>();
    SdkInternals.externalOptions(new RecordingProvider(keys));
    return Collections.unmodifiableMap(keys);
  }

  private static Map<String, Setter> discoverSetters() {
    Map<String, Setter> setters = new HashMap<>();
    for (Method method : SentryOptions.class.getMethods()) {
      if (!method.getName().startsWith("set")
          || method.getParameterCount() != 1
          || Modifier.isStatic(method.getModifiers())
          || method.isAnnotationPresent(Deprecated.class)) {
        continue;
      }
      Kind kind = kindOf(method.getParameterTypes()[0]);
      if (kind != null) {
        setters.put(normalize(method.getName().substring(3)), new Setter(method, kind));
      }
    }
    return Collections.unmodifiableMap(setters);
  }

  private static Kind kindOf(Class<?> type) {
    if (type == boolean.class || type == Boolean.class) {
      return Kind.BOOLEAN;
    }
    if (type == double.class || type == Double.class) {
      return Kind.DOUBLE;
    }
    if (type == long.class || type == Long.class) {
      return Kind.LONG;
    }
    if (type == int.class || type == Integer.class) {
      return Kind.INT;
    }
    if (type == String.class) {
      return Kind.STRING;
    }
    return null;
  }

  /** The init options, in the SDK's key spelling, as a properties source for its parser. */
  private static final class InitOptionsProvider implements PropertiesProvider {
    private final Properties properties;

    InitOptionsProvider(Properties properties) {
      this.properties = properties;
    }

    @Override
    public String getProperty(String property) {
      return properties.getProperty(property);
    }

    @Override
    public Map<String, String> getMap(String property) {
      String prefix = property + ".";
      Map<String, String> map = new LinkedHashMap<>();
      for (String key : properties.stringPropertyNames()) {
        if (key.startsWith(prefix)) {
          map.put(key.substring(prefix.length()), properties.getProperty(key));
        }
      }
      return map;
    }
  }

  /** Answers every question with "not set" and notes which key was asked for as which type. */
  private static final class RecordingProvider implements PropertiesProvider {
    private final Map<String, External> keys;

    RecordingProvider(Map<String, External> keys) {
      this.keys = keys;
    }

    private void note(String key, Kind kind) {
      keys.putIfAbsent(normalize(key), new External(key, kind));
    }

    @Override
    public String getProperty(String property) {
      note(property, Kind.STRING);
      return null;
    }

    @Override
    public Map<String, String> getMap(String property) {
      note(property, Kind.MAP);
      return Collections.emptyMap();
    }

    @Override
    public List<String> getList(String property) {
      note(property, Kind.LIST);
      return Collections.emptyList();
    }

    @Override
    public List<String> getListOrNull(String property) {
      note(property, Kind.LIST);
      return null;
    }

    @Override
    public String getProperty(String property, String defaultValue) {
      note(property, Kind.STRING);
      return defaultValue;
    }

    @Override
    public Boolean getBooleanProperty(String property) {
      note(property, Kind.BOOLEAN);
      return null;
    }

    @Override
    public Double getDoubleProperty(String property) {
      note(property, Kind.DOUBLE);
      return null;
    }

    @Override
    public Long getLongProperty(String property) {
      note(property, Kind.LONG);
      return null;
    }
  }
}
