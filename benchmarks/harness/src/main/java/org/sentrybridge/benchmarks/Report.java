package org.sentrybridge.benchmarks;

import io.sentry.JsonObjectReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts the results of one benchmark run side by side: the JMH result files of every module and the
 * delivery lines. The ratios the targets are about come last. The same for the Sentry Logs run
 * ({@code run-logs.sh}): the INFO-line cost with no Sentry appender, Logs off and Logs on, on each
 * class path.
 *
 * <p>From JMH's JSON results each score is the median of every measured iteration of every fork,
 * with the interquartile range as its spread: on a small shared machine a few iterations slowed
 * by other work move a mean, not a median. From CSV results (older runs) it is JMH's mean with its
 * 99.9 % error.
 *
 * <p>A JSON file named {@code ...-r<N>.json} holds round N of a run that measured the two sides of
 * each ratio in alternation (the scripts' {@code ROUNDS}). Its iterations join the pooled medians,
 * and each ratio is also computed per round, from the medians of that round alone: the machine's
 * load drifts over minutes, and a ratio whose two sides were measured side by side is not moved by
 * that drift.
 *
 * <pre>java -cp ... org.sentrybridge.benchmarks.Report benchmarks/target/results</pre>
 */
public final class Report {

  static final String[] BACKENDS = {"logback", "log4j2"};
  static final String[] SETUPS = {
    "no-appender",
    "nop-appender",
    "bridge-disabled",
    "bridge-enabled",
    "bridge-scope-off",
    "bridge-logs",
    "official-no-appender",
    "official-enabled",
    "official-logs"
  };

  /**
   * What a benchmark measures, from its class name: an error, an error with a full scope, a
   * breadcrumb, an INFO line with Sentry Logs off and on.
   */
  static final String ERROR = "error";
  static final String POPULATED = "populated";
  static final String BREADCRUMB = "breadcrumb";
  static final String LOGS = "logs";

  /** The round of a result file: {@code <name>-r<N>.json}. */
  private static final Pattern ROUND_FILE = Pattern.compile(".*-r(\\d+)\\.json");

  /** A ratio without target is printed for reference only. */
  private static final double NO_TARGET = 0;

  /**
   * One measured score in ns/op with its spread: the interquartile range of a median, or the 99.9%
   * error of a mean.
   */
  record Score(double value, double error) {}

  private final Map<String, Score> scores = new LinkedHashMap<>();
  /** The measured iterations of each score, pooled over rounds; JSON results only. */
  private final Map<String, List<Double>> iterations = new LinkedHashMap<>();
  /** The scores of each round, by round number. */
  private final Map<Integer, Map<String, Score>> rounds = new TreeMap<>();
  private final Map<Integer, Map<String, List<Double>>> roundIterations = new TreeMap<>();
  private boolean medians;
  private final Map<String, String[]> deliveries = new LinkedHashMap<>();

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/results");
    System.out.print(of(dir).render());
  }

  /** The report of the result files in {@code dir}. */
  static Report of(Path dir) throws IOException {
    Report report = new Report();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
      for (Path file : files) {
        Matcher round = ROUND_FILE.matcher(file.getFileName().toString());
        report.readJmhJson(
            Files.readString(file), round.matches() ? Integer.parseInt(round.group(1)) : 0);
      }
    }
    if (!report.medians) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.csv")) {
        for (Path file : files) {
          report.readJmhCsv(Files.readAllLines(file));
        }
      }
    }
    Path delivery = dir.resolve("delivery.txt");
    if (Files.exists(delivery)) {
      report.readDelivery(Files.readAllLines(delivery));
    }
    return report;
  }

  void readJmhCsv(List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    List<String> header = splitCsv(lines.get(0));
    int benchmark = header.indexOf("Benchmark");
    int score = header.indexOf("Score");
    int error = header.indexOf("Score Error (99.9%)");
    int setup = header.indexOf("Param: setup");
    for (String line : lines.subList(1, lines.size())) {
      List<String> cells = splitCsv(line);
      if (cells.size() < header.size() || setup < 0) {
        continue;
      }
      String backend = backendOf(cells.get(benchmark));
      scores.put(
          backend + "/" + kindOf(cells.get(benchmark)) + "/" + cells.get(setup),
          new Score(number(cells.get(score)), number(cells.get(error))));
    }
  }

  /** Reads JMH's JSON results ({@code -rf json}): medians of the raw iteration scores. */
  void readJmhJson(String json) throws IOException {
    readJmhJson(json, 0);
  }

  /**
   * Reads JMH's JSON results of round {@code round} (0: not part of a run in rounds): their
   * iterations join those already read for the same benchmark and setup.
   */
  @SuppressWarnings("unchecked")
  void readJmhJson(String json, int round) throws IOException {
    Object parsed = new JsonObjectReader(new StringReader(json)).nextObjectOrNull();
    if (!(parsed instanceof List)) {
      return;
    }
    for (Object item : (List<Object>) parsed) {
      Map<String, Object> result = (Map<String, Object>) item;
      Map<String, Object> params = (Map<String, Object>) result.get("params");
      Map<String, Object> metric = (Map<String, Object>) result.get("primaryMetric");
      if (params == null || params.get("setup") == null || metric == null) {
        continue;
      }
      List<Double> measured = new ArrayList<>();
      for (Object fork : (List<Object>) metric.get("rawData")) {
        for (Object score : (List<Object>) fork) {
          measured.add(((Number) score).doubleValue());
        }
      }
      if (measured.isEmpty()) {
        continue;
      }
      String benchmark = (String) result.get("benchmark");
      String key = backendOf(benchmark) + "/" + kindOf(benchmark) + "/" + params.get("setup");
      pool(iterations, scores, key, measured);
      if (round > 0) {
        pool(
            roundIterations.computeIfAbsent(round, r -> new LinkedHashMap<>()),
            rounds.computeIfAbsent(round, r -> new LinkedHashMap<>()),
            key,
            measured);
      }
      medians = true;
    }
  }

  /** Adds {@code measured} to the iterations of {@code key} and puts their median in scores. */
  private static void pool(
      Map<String, List<Double>> iterations,
      Map<String, Score> scores,
      String key,
      List<Double> measured) {
    List<Double> all = iterations.computeIfAbsent(key, k -> new ArrayList<>());
    all.addAll(measured);
    Collections.sort(all);
    scores.put(key, new Score(quantile(all, 0.5), quantile(all, 0.75) - quantile(all, 0.25)));
  }

  /** The quantile {@code q} of sorted values, interpolated between the two nearest. */
  static double quantile(List<Double> sorted, double q) {
    double position = q * (sorted.size() - 1);
    int below = (int) Math.floor(position);
    int above = (int) Math.ceil(position);
    return sorted.get(below) + (sorted.get(above) - sorted.get(below)) * (position - below);
  }

  void readDelivery(List<String> lines) {
    for (String line : lines) {
      String[] cells = line.split(",");
      if (cells.length == 6) {
        deliveries.put(cells[0] + "/" + cells[1], cells);
      }
    }
  }

  String render() {
    StringBuilder out = new StringBuilder();
    if (medians) {
      out.append("Medians of every measured iteration of every fork; spread: interquartile range\n\n");
    }
    table(out, ERROR, "Caller-thread cost of log.error(\"msg {}\", arg, ex), empty Sentry scope");
    table(
        out,
        POPULATED,
        "\nThe same with a populated Sentry scope (" + ScopeFixture.TAGS + " tags, a user, an active"
            + " transaction, " + ScopeFixture.BREADCRUMBS + " breadcrumbs)");
    table(out, BREADCRUMB, "\nAn INFO line that becomes a breadcrumb, log.info(\"msg {}\", arg)");
    table(
        out,
        LOGS,
        "\nAn INFO line with Sentry Logs off (a breadcrumb) and on, log.info(\"order {} paid\", id)");
    if (!deliveries.isEmpty()) {
      out.append("\nDelivery: distinct errors logged in one burst, received by the loopback");
      out.append(" receiver\n");
      out.append(
          String.format(
              Locale.ROOT, "%-8s %-40s %7s %9s %10s %16s%n", "backend", "setup", "sent", "received",
              "caller ms", "last arrival ms"));
      for (String backend : BACKENDS) {
        for (String setup : SETUPS) {
          String[] d = deliveries.get(backend + "/" + setup);
          if (d != null) {
            out.append(
                String.format(
                    Locale.ROOT, "%-8s %-40s %7s %9s %10s %16s%n", backend,
                    describe(backend, setup), d[2], d[3], d[4], d[5]));
          }
        }
      }
    }
    out.append("\nRatios\n");
    for (String backend : BACKENDS) {
      ratio(
          out, backend, ERROR, "bridge-disabled", "nop-appender",
          "sentry-bridge no DSN / no-op appender", NO_TARGET);
    }
    for (String backend : BACKENDS) {
      ratio(
          out, backend, ERROR, "bridge-enabled", "official-enabled",
          "sentry-bridge enabled / official enabled", 0.10);
      ratio(
          out, backend, ERROR, "bridge-disabled", "no-appender",
          "sentry-bridge no DSN / no Sentry appender", 1.10);
      ratio(
          out, backend, POPULATED, "bridge-enabled", "official-enabled",
          "populated scope: sentry-bridge / official", 0.10);
      ratio(
          out, backend, ERROR, "bridge-enabled", "bridge-scope-off",
          "empty scope: sentry-bridge / the same with captureScope=false", 1.10);
      costAboveNoAppender(
          out, backend, BREADCRUMB, "bridge-enabled", "official-enabled", "breadcrumb line", 0.20);
      appenderCallCost(out, backend);
    }
    for (String backend : BACKENDS) {
      logsRatios(out, backend);
    }
    for (String backend : BACKENDS) {
      String[] ours = deliveries.get(backend + "/bridge-enabled");
      String[] official = deliveries.get(backend + "/official-enabled");
      if (ours != null && official != null) {
        out.append(
            String.format(
                Locale.ROOT,
                "%s delivery: sentry-bridge %.1f%% vs official %.1f%% (target 100%%)%n",
                backend, percent(ours), percent(official)));
      }
    }
    return out.toString();
  }

  private void table(StringBuilder out, String kind, String title) {
    StringBuilder rows = new StringBuilder();
    for (String backend : BACKENDS) {
      for (String setup : SETUPS) {
        Score score = scores.get(backend + "/" + kind + "/" + setup);
        if (score != null) {
          rows.append(
              String.format(
                  Locale.ROOT, "%-8s %-42s %12.1f %10.1f%n", backend,
                  describe(backend, kind, setup), score.value(), score.error()));
        }
      }
    }
    if (rows.length() == 0) {
      return;
    }
    // a title's blank line above it separates it from the table before; the first table has none
    boolean first = out.length() == 0 || out.toString().endsWith("\n\n");
    out.append(first ? title.stripLeading() : title).append(", ns/op (lower is better)\n");
    out.append(
        String.format(
            Locale.ROOT, "%-8s %-42s %12s %10s%n", "backend", "setup",
            medians ? "median ns/op" : "ns/op", medians ? "IQR" : "+-99.9%"));
    out.append(rows);
  }

  /**
   * What a line costs above the same line with no Sentry appender, ours against the official's,
   * each side against the baseline on its own class path.
   */
  private void costAboveNoAppender(
      StringBuilder out,
      String backend,
      String kind,
      String ourSetup,
      String officialSetup,
      String line,
      double target) {
    double[] costs = costsAboveNoAppender(scores, backend, kind, ourSetup, officialSetup);
    if (costs == null) {
      return;
    }
    List<Double> perRound = new ArrayList<>();
    for (Map<String, Score> round : rounds.values()) {
      double[] roundCosts = costsAboveNoAppender(round, backend, kind, ourSetup, officialSetup);
      if (roundCosts != null) {
        perRound.add(roundCosts[0] / roundCosts[1]);
      }
    }
    verdict(
        out, backend,
        String.format(
            Locale.ROOT,
            "%s, cost above no appender: sentry-bridge %.1f ns / official %.1f ns",
            line, costs[0], costs[1]),
        costs[0] / costs[1], perRound, target);
  }

  /** Ours and the official's cost above no appender in {@code scores}; null if not measured. */
  private static double[] costsAboveNoAppender(
      Map<String, Score> scores,
      String backend,
      String kind,
      String ourSetup,
      String officialSetup) {
    Score ours = scores.get(backend + "/" + kind + "/" + ourSetup);
    Score ourBase = scores.get(backend + "/" + kind + "/no-appender");
    Score official = scores.get(backend + "/" + kind + "/" + officialSetup);
    Score officialBase = scores.get(backend + "/" + kind + "/official-no-appender");
    if (ours == null || ourBase == null || official == null || officialBase == null) {
      return null;
    }
    double officialCost = official.value() - officialBase.value();
    if (officialCost <= 0) {
      return null;
    }
    return new double[] {ours.value() - ourBase.value(), officialCost};
  }

  /**
   * The Sentry Logs figures of an INFO line: the total cost with Logs on against the official's
   * (the target), then for reference the same above no Sentry appender, the lowest total ratio the
   * framework's own cost of the line leaves (no appender against the official with Logs on), and
   * what turning Logs on adds to sentry-bridge's line.
   */
  private void logsRatios(StringBuilder out, String backend) {
    ratio(
        out, backend, LOGS, "bridge-logs", "official-logs",
        "INFO line, Logs on: sentry-bridge / official", 0.10);
    costAboveNoAppender(
        out, backend, LOGS, "bridge-logs", "official-logs", "INFO line, Logs on", NO_TARGET);
    ratio(
        out, backend, LOGS, "no-appender", "official-logs",
        "INFO line, lowest possible Logs-on ratio: no Sentry appender / official", NO_TARGET);
    ratio(
        out, backend, LOGS, "bridge-logs", "bridge-enabled",
        "INFO line, sentry-bridge: Logs on / Logs off", NO_TARGET);
  }

  /**
   * What the framework itself charges for calling any appender on a breadcrumb line (its no-op
   * appender above no appender), for reference: both sides pay it inside their cost above no
   * appender.
   */
  private void appenderCallCost(StringBuilder out, String backend) {
    Score base = scores.get(backend + "/" + BREADCRUMB + "/no-appender");
    Score nop = scores.get(backend + "/" + BREADCRUMB + "/nop-appender");
    if (base == null || nop == null) {
      return;
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%s: breadcrumb line, the framework's own cost of calling an appender (%s above no"
                + " appender) = %.1f ns (for reference)%n",
            backend, describe(backend, "nop-appender"), nop.value() - base.value()));
  }

  private void ratio(
      StringBuilder out,
      String backend,
      String kind,
      String top,
      String bottom,
      String label,
      double target) {
    Double ratio = ratio(scores, backend + "/" + kind + "/", top, bottom);
    if (ratio == null) {
      return;
    }
    List<Double> perRound = new ArrayList<>();
    for (Map<String, Score> round : rounds.values()) {
      Double roundRatio = ratio(round, backend + "/" + kind + "/", top, bottom);
      if (roundRatio != null) {
        perRound.add(roundRatio);
      }
    }
    verdict(out, backend, label, ratio, perRound, target);
  }

  private static Double ratio(Map<String, Score> scores, String prefix, String top, String bottom) {
    Score a = scores.get(prefix + top);
    Score b = scores.get(prefix + bottom);
    if (a == null || b == null || b.value() <= 0) {
      return null;
    }
    return a.value() / b.value();
  }

  /**
   * One ratio line: the ratio of the pooled medians against its target, then, from a run of two
   * rounds or more, the ratio of each round and in how many rounds it met the target.
   */
  private static void verdict(
      StringBuilder out,
      String backend,
      String label,
      double ratio,
      List<Double> perRound,
      double target) {
    String verdict =
        target == NO_TARGET
            ? "for reference"
            : String.format(
                Locale.ROOT, "target <= %.2f: %s", target, ratio <= target ? "met" : "NOT met");
    out.append(String.format(Locale.ROOT, "%s: %s = %.3f (%s)", backend, label, ratio, verdict));
    if (perRound.size() > 1) {
      StringBuilder each = new StringBuilder();
      int met = 0;
      for (double r : perRound) {
        each.append(each.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", r));
        met += r <= target ? 1 : 0;
      }
      out.append("; per round: ").append(each);
      if (target != NO_TARGET) {
        out.append(String.format(Locale.ROOT, ", met in %d of %d", met, perRound.size()));
      }
    }
    out.append('\n');
  }

  private static double percent(String[] delivery) {
    return 100.0 * Double.parseDouble(delivery[3]) / Double.parseDouble(delivery[2]);
  }

  /**
   * The setup's row name in a table of {@code kind}: in the Sentry Logs table, which of Logs off
   * and on it is.
   */
  static String describe(String backend, String kind, String setup) {
    if (!kind.equals(LOGS)) {
      return describe(backend, setup);
    }
    switch (setup) {
      case "bridge-enabled":
        return "sentry-bridge, Logs off";
      case "bridge-logs":
        return "sentry-bridge, Logs on";
      case "official-enabled":
        return official(backend) + ", Logs off";
      case "official-logs":
        return official(backend) + ", Logs on";
      default:
        return describe(backend, setup);
    }
  }

  private static String official(String backend) {
    return backend.equals("logback")
        ? "official sentry-logback 8.53.0"
        : "official sentry-log4j2 8.43.0";
  }

  static String describe(String backend, String setup) {
    switch (setup) {
      case "no-appender":
        return "no Sentry appender";
      case "nop-appender":
        return backend.equals("logback") ? "Logback NOPAppender" : "Log4j2 Null appender";
      case "bridge-disabled":
        return "sentry-bridge, no DSN";
      case "bridge-enabled":
        return "sentry-bridge enabled";
      case "bridge-scope-off":
        return "sentry-bridge enabled, captureScope=false";
      case "official-no-appender":
        return "no Sentry appender (official's class path)";
      case "official-enabled":
        return official(backend) + " enabled";
      default:
        return setup;
    }
  }

  static String kindOf(String benchmark) {
    if (benchmark.contains("LogsCost")) {
      return LOGS;
    }
    if (benchmark.contains("PopulatedScope")) {
      return POPULATED;
    }
    return benchmark.contains("Breadcrumb") ? BREADCRUMB : ERROR;
  }

  static String backendOf(String benchmark) {
    String lower = benchmark.toLowerCase(Locale.ROOT);
    return lower.contains("log4j2") ? "log4j2" : "logback";
  }

  private static double number(String text) {
    String normalized = text.trim();
    if (normalized.isEmpty() || normalized.equalsIgnoreCase("NaN")) {
      return Double.NaN;
    }
    return Double.parseDouble(normalized.replace(',', '.'));
  }

  /** Splits one CSV line as JMH writes it: fields optionally in double quotes. */
  static List<String> splitCsv(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
