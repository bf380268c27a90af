#!/usr/bin/env bash
# Sentry Logs benchmarks, sentry-bridge side by side with the official appenders' Logs path:
# the INFO-line cost with no Sentry appender, Logs off and Logs on (JMH), then the load harness (8
# threads, 50,000 lines/s in total for 10 s after a 30 s warm-up of the same: sustained against a
# prompt receiver, and overload against a receiver answering after 5 s). Ends with the INFO-line
# table and its ratios, then the load lines. JMH options can be given as arguments.
#   benchmarks/run-logs.sh                               # full run (about 20 minutes)
#   ROUNDS=1 benchmarks/run-logs.sh -f 1 -wi 1 -i 1 -w 1s -r 1s   # quick look (JMH part)
# Load options: -Dbench.logs.threads / rate / seconds / delaySeconds / warmup (seconds, 0: cold
# start) / diagnose (true: what the slow calls waited for) through BENCH_LOGS_OPTS, and any JVM
# option of the load runs, e.g. BENCH_LOGS_OPTS="-XX:+UseZGC" (pauses well under 1 ms).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=benchmarks/side-by-side.sh
source benchmarks/side-by-side.sh

# without arguments the LogsCost classes' own settings: 1 fork, 5 x 1 s warm-up, 10 x 1 s; in
# ROUNDS rounds (default 3), each measuring our side and the official's one right after the other,
# the first side taking turns, so that both sides of a ratio see the same load of the machine
JMH_ARGS=("$@")
ROUNDS="${ROUNDS:-3}"
RESULTS=benchmarks/target/results-logs
read -r -a LOAD_OPTS <<<"${BENCH_LOGS_OPTS:-}"

mvn -B -ntp -q -pl benchmarks/bridge,benchmarks/official-logback,benchmarks/official-log4j2 -am \
  package -DskipTests

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
export LC_ALL=C
unset SENTRY_DSN

classpath() {
  echo "benchmarks/$1/target/classes:$(cat "benchmarks/$1/target/classpath.txt")"
}

# one side in round $3: <module> <benchmark class, without "Official">
logs_cost() {
  local name="cost-$1-$2-r$3"
  echo "== INFO-line cost, no appender, Logs off and on, round $3: $2 ($1)" >&2
  java -cp "$(classpath "$1")" org.openjdk.jmh.Main ${JMH_ARGS[@]+"${JMH_ARGS[@]}"} \
    -rf json -rff "$RESULTS/$name.json" "$2\\." \
    >"$RESULTS/$name.log" 2>&1 || { tail -40 "$RESULTS/$name.log" >&2; exit 1; }
  # with Logs on, received = logged: no measured line was made cheap by a full queue
  grep -oE '# (Benchmark: .*|Parameters: .*|lines logged: .*)' "$RESULTS/$name.log"
}
for round in $(seq 1 "$ROUNDS"); do
  for backend in Logback Log4j2; do
    both_sides "$round" logs_cost "${backend}LogsCost" "official-${backend,,}"
  done
done

for scenario in sustained overload; do
  for run in bridge:org.sentrybridge.benchmarks.bridge.LogbackLogsLoad \
      official-logback:org.sentrybridge.benchmarks.official.OfficialLogbackLogsLoad \
      bridge:org.sentrybridge.benchmarks.bridge.Log4j2LogsLoad \
      official-log4j2:org.sentrybridge.benchmarks.official.OfficialLog4j2LogsLoad; do
    echo "== logs $scenario: ${run#*:}" >&2
    java -Xms512m -Xmx512m "${LOAD_OPTS[@]}" -Dbench.results="$RESULTS/load.txt" \
      -cp "$(classpath "${run%%:*}")" "${run#*:}" "$scenario" >>"$RESULTS/load.log" 2>&1 ||
      { tail -40 "$RESULTS/load.log" >&2; exit 1; }
  done
done

echo
JMH_SHOWN="${JMH_ARGS[*]:-}"
echo "Java: $(java -version 2>&1 | head -1); cores: $(nproc 2>/dev/null || echo '?'); JMH: ${JMH_SHOWN:-as in the LogsCost classes}; rounds: $ROUNDS"
java -cp "$(classpath bridge)" org.sentrybridge.benchmarks.Report "$RESULTS"
echo
cat "$RESULTS/load.txt"
