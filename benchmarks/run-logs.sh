#!/usr/bin/env bash
# Sentry Logs benchmarks, sentry-bridge side by side with the official appenders' Logs path:
# the INFO-line cost with Logs off and on (JMH), then the load harness (8 threads, 50,000 lines/s in
# total for 10 s: sustained against a prompt receiver, and overload against a receiver answering
# after 5 s). JMH options can be given as arguments.
#   benchmarks/run-logs.sh                               # full run (about 10 minutes)
#   benchmarks/run-logs.sh -f 1 -wi 1 -i 1 -w 1s -r 1s   # quick look
# Load options: -Dbench.logs.threads / rate / seconds / delaySeconds through BENCH_LOGS_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."

JMH_ARGS=("$@")
if [ ${#JMH_ARGS[@]} -eq 0 ]; then
  JMH_ARGS=(-f 2 -wi 3 -w 2s -i 5 -r 2s)
fi
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

for module in bridge official-logback official-log4j2; do
  echo "== INFO-line cost, Logs off and on: $module" >&2
  java -cp "$(classpath "$module")" org.openjdk.jmh.Main "${JMH_ARGS[@]}" 'LogsCost' \
    >"$RESULTS/cost-$module.log" 2>&1 || { tail -40 "$RESULTS/cost-$module.log" >&2; exit 1; }
  grep -E '^(Benchmark|\S+LogsCost\.logInfo)' "$RESULTS/cost-$module.log"
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
cat "$RESULTS/load.txt"
