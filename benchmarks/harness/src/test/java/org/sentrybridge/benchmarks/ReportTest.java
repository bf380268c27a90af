package org.sentrybridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  private static final String HEADER =
      "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\",\"Param: setup\"";

  @Test
  void putsModulesSideBySideAndEndsWithTheRatios() {
    Report report = new Report();
    report.readJmhCsv(
        List.of(
            HEADER,
            "\"org.sentrybridge.benchmarks.bridge.LogbackErrorCost.logError\",\"avgt\",1,5,100.000000,2.000000,\"ns/op\",no-appender",
            "\"org.sentrybridge.benchmarks.bridge.LogbackErrorCost.logError\",\"avgt\",1,5,102.000000,2.000000,\"ns/op\",nop-appender",
            "\"org.sentrybridge.benchmarks.bridge.LogbackErrorCost.logError\",\"avgt\",1,5,105.000000,2.000000,\"ns/op\",bridge-disabled",
            "\"org.sentrybridge.benchmarks.bridge.LogbackErrorCost.logError\",\"avgt\",1,5,300.000000,9.000000,\"ns/op\",bridge-enabled"));
    report.readJmhCsv(
        List.of(
            HEADER,
            "\"org.sentrybridge.benchmarks.official.OfficialLogbackErrorCost.logError\",\"avgt\",1,5,\"4000,000000\",\"50,000000\",\"ns/op\",official-enabled"));
    report.readDelivery(
        List.of("logback,bridge-enabled,10000,10000,20,900", "logback,official-enabled,10000,250,1800,1900"));

    List<String> lines = report.render().lines().toList();

    assertThat(lines)
        .anyMatch(line -> line.matches("logback +no Sentry appender +100.0 +2.0"))
        .anyMatch(line -> line.matches("logback +official sentry-logback 8.53.0 enabled +4000.0 +50.0"))
        .anyMatch(line -> line.matches("logback +sentry-bridge enabled +10000 +10000 +20 +900"));
    assertThat(lines)
        .contains("logback: sentry-bridge no DSN / no-op appender = 1.029 (for reference)");
    assertThat(lines.subList(lines.size() - 3, lines.size()))
        .containsExactly(
            "logback: sentry-bridge enabled / official enabled = 0.075 (target <= 0.10: met)",
            "logback: sentry-bridge no DSN / no Sentry appender = 1.050 (target <= 1.10: met)",
            "logback delivery: sentry-bridge 100.0% vs official 2.5% (target 100%)");
  }

  @Test
  void putsTheScopeAndBreadcrumbFiguresAgainstTheirTargets() {
    Report report = new Report();
    String ours = "\"org.sentrybridge.benchmarks.bridge.";
    String official = "\"org.sentrybridge.benchmarks.official.";
    report.readJmhCsv(
        List.of(
            HEADER,
            ours + "LogbackErrorCost.logError\",\"avgt\",1,5,300.0,9.0,\"ns/op\",bridge-enabled",
            ours + "LogbackErrorCost.logError\",\"avgt\",1,5,280.0,9.0,\"ns/op\",bridge-scope-off",
            ours + "LogbackPopulatedScopeCost.logError\",\"avgt\",1,5,450.0,9.0,\"ns/op\",bridge-enabled",
            ours + "LogbackBreadcrumbCost.logInfo\",\"avgt\",1,5,130.0,3.0,\"ns/op\",no-appender",
            ours + "LogbackBreadcrumbCost.logInfo\",\"avgt\",1,5,150.0,3.0,\"ns/op\",nop-appender",
            ours + "LogbackBreadcrumbCost.logInfo\",\"avgt\",1,5,200.0,3.0,\"ns/op\",bridge-enabled"));
    report.readJmhCsv(
        List.of(
            HEADER,
            official + "OfficialLogbackPopulatedScopeCost.logError\",\"avgt\",1,5,5000.0,90.0,\"ns/op\",official-enabled",
            official + "OfficialLogbackBreadcrumbCost.logInfo\",\"avgt\",1,5,120.0,3.0,\"ns/op\",official-no-appender",
            official + "OfficialLogbackBreadcrumbCost.logInfo\",\"avgt\",1,5,570.0,9.0,\"ns/op\",official-enabled"));

    List<String> lines = report.render().lines().toList();

    assertThat(lines)
        .contains(
            "The same with a populated Sentry scope (5 tags, a user, an active transaction, 20"
                + " breadcrumbs), ns/op (lower is better)")
        .anyMatch(line -> line.matches("logback +sentry-bridge enabled, captureScope=false +280.0 +9.0"))
        .anyMatch(line -> line.matches("logback +no Sentry appender \\(official's class path\\) +120.0 +3.0"))
        .contains(
            "logback: populated scope: sentry-bridge / official = 0.090 (target <= 0.10: met)",
            "logback: empty scope: sentry-bridge / the same with captureScope=false = 1.071"
                + " (target <= 1.10: met)",
            "logback: breadcrumb line, cost above no appender: sentry-bridge 70.0 ns / official"
                + " 450.0 ns = 0.156 (target <= 0.20: met)",
            "logback: breadcrumb line, the framework's own cost of calling an appender (Logback"
                + " NOPAppender above no appender) = 20.0 ns (for reference)");
  }

  @Test
  void fromJmhJsonEachScoreIsTheMedianOfEveryIterationOfEveryFork() throws Exception {
    Report report = new Report();
    // two forks; sorted: 700, 800, 900, 1000, 5000 (one iteration slowed by other work)
    report.readJmhJson(
        "[{\"benchmark\": \"org.sentrybridge.benchmarks.bridge.LogbackErrorCost.logError\","
            + " \"mode\": \"avgt\", \"params\": {\"setup\": \"bridge-enabled\"},"
            + " \"primaryMetric\": {\"score\": 1680.0, \"rawData\": [[900.0, 5000.0, 700.0],"
            + " [1000.0, 800.0]]}},"
            + " {\"benchmark\": \"org.sentrybridge.benchmarks.bridge.LogbackErrorCost.logError\","
            + " \"mode\": \"avgt\", \"params\": {\"setup\": \"bridge-scope-off\"},"
            + " \"primaryMetric\": {\"score\": 850.0, \"rawData\": [[850.0, 850.0]]}}]");

    List<String> lines = report.render().lines().toList();

    assertThat(lines)
        .contains("Medians of every measured iteration of every fork; spread: interquartile range")
        .anyMatch(line -> line.matches("backend +setup +median ns/op +IQR"))
        // median 900; quartiles 800 and 1000
        .anyMatch(line -> line.matches("logback +sentry-bridge enabled +900.0 +200.0"))
        .contains(
            "logback: empty scope: sentry-bridge / the same with captureScope=false = 1.059"
                + " (target <= 1.10: met)");
  }

  @Test
  void putsTheSentryLogsLineAgainstTheOfficialsInTotalAndAboveNoAppender() throws Exception {
    Report report = new Report();
    String ours = "org.sentrybridge.benchmarks.bridge.";
    String official = "org.sentrybridge.benchmarks.official.";
    report.readJmhJson(
        "["
            + jmhResult(ours + "LogbackLogsCost.logInfo", "no-appender", "100.0")
            + ", " + jmhResult(ours + "LogbackLogsCost.logInfo", "bridge-enabled", "150.0")
            // median 250; quartiles 245 and 255
            + ", " + jmhResult(ours + "LogbackLogsCost.logInfo", "bridge-logs", "260.0, 240.0, 250.0")
            // the same setup name in an error benchmark: its own table, untouched by the line's
            + ", " + jmhResult(ours + "LogbackErrorCost.logError", "bridge-enabled", "900.0")
            + ", " + jmhResult(ours + "Log4j2LogsCost.logInfo", "bridge-logs", "500.0")
            + "]");
    report.readJmhJson(
        "["
            + jmhResult(official + "OfficialLogbackLogsCost.logInfo", "official-no-appender", "110.0")
            + ", " + jmhResult(official + "OfficialLogbackLogsCost.logInfo", "official-enabled", "400.0")
            + ", " + jmhResult(official + "OfficialLogbackLogsCost.logInfo", "official-logs", "2610.0")
            + ", " + jmhResult(official + "OfficialLog4j2LogsCost.logInfo", "official-logs", "2500.0")
            + "]");

    List<String> lines = report.render().lines().toList();

    assertThat(lines)
        .contains(
            "An INFO line with Sentry Logs off (a breadcrumb) and on, log.info(\"order {} paid\","
                + " id), ns/op (lower is better)")
        .anyMatch(line -> line.matches("logback +no Sentry appender +100.0 +0.0"))
        .anyMatch(line -> line.matches("logback +sentry-bridge, Logs off +150.0 +0.0"))
        .anyMatch(line -> line.matches("logback +sentry-bridge, Logs on +250.0 +10.0"))
        .anyMatch(line -> line.matches("logback +sentry-bridge enabled +900.0 +0.0"))
        .anyMatch(
            line -> line.matches("logback +no Sentry appender \\(official's class path\\) +110.0 +0.0"))
        .anyMatch(line -> line.matches("logback +official sentry-logback 8.53.0, Logs off +400.0 +0.0"))
        .anyMatch(line -> line.matches("logback +official sentry-logback 8.53.0, Logs on +2610.0 +0.0"))
        .anyMatch(line -> line.matches("log4j2 +official sentry-log4j2 8.43.0, Logs on +2500.0 +0.0"));
    // 250 / 2610; (250 - 100) / (2610 - 110); 100 / 2610; 250 / 150; 500 / 2500
    assertThat(lines)
        .containsSubsequence(
            "logback: INFO line, Logs on: sentry-bridge / official = 0.096 (target <= 0.10: met)",
            "logback: INFO line, Logs on, cost above no appender: sentry-bridge 150.0 ns / official"
                + " 2500.0 ns = 0.060 (for reference)",
            "logback: INFO line, lowest possible Logs-on ratio: no Sentry appender / official = 0.038"
                + " (for reference)",
            "logback: INFO line, sentry-bridge: Logs on / Logs off = 1.667 (for reference)",
            "log4j2: INFO line, Logs on: sentry-bridge / official = 0.200 (target <= 0.10: NOT met)");
    // without the baselines of Log4j2 there is no cost above them to print
    assertThat(lines).noneMatch(line -> line.startsWith("log4j2: INFO line, Logs on, cost above"));
  }

  @Test
  void aRunOfTheLogsCostAloneStartsWithItsTableAfterOneBlankLine() throws Exception {
    Report report = new Report();
    report.readJmhJson(
        "[" + jmhResult("org.sentrybridge.benchmarks.bridge.LogbackLogsCost.logInfo", "bridge-logs", "250.0")
            + "]");

    List<String> lines = report.render().lines().toList();

    assertThat(lines.subList(0, 3))
        .containsExactly(
            "Medians of every measured iteration of every fork; spread: interquartile range",
            "",
            "An INFO line with Sentry Logs off (a breadcrumb) and on, log.info(\"order {} paid\","
                + " id), ns/op (lower is better)");
  }

  @Test
  void aRunInRoundsPoolsTheIterationsAndGivesEachRoundsRatio() throws Exception {
    Report report = new Report();
    String ours = "org.sentrybridge.benchmarks.bridge.LogbackErrorCost.logError";
    String official = "org.sentrybridge.benchmarks.official.OfficialLogbackErrorCost.logError";
    // round 1: 80 / 1000; round 2: 120 / 1000 (the machine slower for ours only)
    report.readJmhJson("[" + jmhResult(ours, "bridge-enabled", "80.0") + "]", 1);
    report.readJmhJson("[" + jmhResult(official, "official-enabled", "1000.0") + "]", 1);
    report.readJmhJson("[" + jmhResult(ours, "bridge-enabled", "120.0") + "]", 2);
    report.readJmhJson("[" + jmhResult(official, "official-enabled", "1000.0") + "]", 2);

    List<String> lines = report.render().lines().toList();

    // pooled: the median of 80 and 120, with their interquartile range
    assertThat(lines).anyMatch(line -> line.matches("logback +sentry-bridge enabled +100.0 +20.0"));
    assertThat(lines)
        .contains(
            "logback: sentry-bridge enabled / official enabled = 0.100 (target <= 0.10: met);"
                + " per round: 0.080 0.120, met in 1 of 2");
  }

  @Test
  void aRoundIsReadFromTheResultFilesName(@TempDir Path dir) throws Exception {
    String ours = "org.sentrybridge.benchmarks.bridge.LogbackErrorCost.logError";
    String official = "org.sentrybridge.benchmarks.official.OfficialLogbackErrorCost.logError";
    Files.writeString(dir.resolve("bridge-r1.json"), "[" + jmhResult(ours, "bridge-enabled", "50.0") + "]");
    Files.writeString(
        dir.resolve("official-logback-r1.json"),
        "[" + jmhResult(official, "official-enabled", "1000.0") + "]");
    Files.writeString(dir.resolve("bridge-r2.json"), "[" + jmhResult(ours, "bridge-enabled", "70.0") + "]");
    Files.writeString(
        dir.resolve("official-logback-r2.json"),
        "[" + jmhResult(official, "official-enabled", "500.0") + "]");

    List<String> lines = Report.of(dir).render().lines().toList();

    // pooled 60 / 750; per round 50 / 1000 and 70 / 500
    assertThat(lines)
        .contains(
            "logback: sentry-bridge enabled / official enabled = 0.080 (target <= 0.10: met);"
                + " per round: 0.050 0.140, met in 1 of 2");
  }

  /** One benchmark's entry of JMH's JSON results, one fork with the given iteration scores. */
  private static String jmhResult(String benchmark, String setup, String iterations) {
    return "{\"benchmark\": \"" + benchmark + "\", \"mode\": \"avgt\", \"params\": {\"setup\": \""
        + setup + "\"}, \"primaryMetric\": {\"rawData\": [[" + iterations + "]]}}";
  }

  @Test
  void quantilesInterpolateBetweenTheNearestValues() {
    List<Double> sorted = List.of(1.0, 2.0, 3.0, 4.0);

    assertThat(Report.quantile(sorted, 0.5)).isEqualTo(2.5);
    assertThat(Report.quantile(sorted, 0.25)).isEqualTo(1.75);
    assertThat(Report.quantile(sorted, 0.0)).isEqualTo(1.0);
    assertThat(Report.quantile(sorted, 1.0)).isEqualTo(4.0);
  }
}
