#!/usr/bin/env bash
# Runs every benchmark in one go, on this machine, and prints the side-by-side table with the ratios
# as the last lines. JMH options can be given as arguments; the defaults take about 10 minutes,
# plus about 3 for the slow-Sentry delivery (sentry-bridge vs the SDK's transport, 100 ms per
# answer).
#   benchmarks/run.sh                                 # full run
#   benchmarks/run.sh -f 1 -wi 1 -i 2 -w 1s -r 1s     # quick look
#   ROUNDS=4 benchmarks/run.sh -f 1 -wi 5 -w 1s -i 6 -r 1s
# The caller cost is measured in ROUNDS rounds (default 2) of the JMH options' forks each: a round
# measures each benchmark on our side and the official's one right after the other, the first side
# taking turns, so that both sides of a ratio see the same load of the machine. The report gives
# every ratio from all rounds pooled and from each round alone.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=benchmarks/side-by-side.sh
source benchmarks/side-by-side.sh

JMH_ARGS=("$@")
if [ ${#JMH_ARGS[@]} -eq 0 ]; then
  JMH_ARGS=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
fi
ROUNDS="${ROUNDS:-2}"
RESULTS=benchmarks/target/results

mvn -B -ntp -q -pl benchmarks/bridge,benchmarks/official-logback,benchmarks/official-log4j2 -am \
  package -DskipTests

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
export LC_ALL=C
# a DSN in the environment would turn the "no DSN" measurements into enabled ones
unset SENTRY_DSN

classpath() {
  echo "benchmarks/$1/target/classes:$(cat "benchmarks/$1/target/classpath.txt")"
}

# one benchmark on one side, in round $3: <module> <benchmark class, without "Official">
caller_cost() {
  local name="$1-$2-r$3"
  echo "== caller cost, round $3: $2 ($1)" >&2
  java -cp "$(classpath "$1")" org.openjdk.jmh.Main "${JMH_ARGS[@]}" \
    -rf json -rff "$RESULTS/$name.json" "$2\\." >>"$RESULTS/$1.log" 2>&1 ||
    { tail -40 "$RESULTS/$1.log" >&2; exit 1; }
}
for round in $(seq 1 "$ROUNDS"); do
  for backend in Logback Log4j2; do
    for benchmark in ErrorCost PopulatedScopeCost BreadcrumbCost; do
      both_sides "$round" caller_cost "$backend$benchmark" "official-${backend,,}"
    done
  done
done

echo "== allocation per line on the logging thread (sentry-bridge)" >&2
for backend in logback log4j2; do
  for setup in no-appender bridge-scope-off bridge-enabled; do
    java -Xms512m -Xmx512m -cp "$(classpath bridge)" org.sentrybridge.benchmarks.bridge.CallerAllocation \
      "$backend" "$setup" error >>"$RESULTS/allocation.txt"
  done
  java -Xms512m -Xmx512m -cp "$(classpath bridge)" org.sentrybridge.benchmarks.bridge.CallerAllocation \
    "$backend" bridge-enabled error populated >>"$RESULTS/allocation.txt"
  for setup in no-appender bridge-enabled; do
    java -Xms512m -Xmx512m -cp "$(classpath bridge)" org.sentrybridge.benchmarks.bridge.CallerAllocation \
      "$backend" "$setup" info >>"$RESULTS/allocation.txt"
  done
done

run_burst() {
  echo "== delivery burst: $2" >&2
  java -Xms512m -Xmx512m -Dbench.results="$RESULTS/delivery.txt" -cp "$(classpath "$1")" "$2" \
    >>"$RESULTS/delivery.log" 2>&1 || { tail -40 "$RESULTS/delivery.log" >&2; exit 1; }
}
run_burst bridge org.sentrybridge.benchmarks.bridge.LogbackBurst
run_burst official-logback org.sentrybridge.benchmarks.official.OfficialLogbackBurst
run_burst bridge org.sentrybridge.benchmarks.bridge.Log4j2Burst
run_burst official-log4j2 org.sentrybridge.benchmarks.official.OfficialLog4j2Burst

echo "== delivery to a slow Sentry: sentry-bridge vs the SDK's transport" >&2
java -Xms512m -Xmx512m -Dbench.results="$RESULTS/slow-sentry.txt" -cp "$(classpath bridge)" \
  org.sentrybridge.benchmarks.bridge.SlowSentryDelivery >"$RESULTS/slow-sentry.log" 2>&1 ||
  { tail -40 "$RESULTS/slow-sentry.log" >&2; exit 1; }

echo
echo "Java: $(java -version 2>&1 | head -1); cores: $(nproc 2>/dev/null || echo '?'); JMH: ${JMH_ARGS[*]}; rounds: $ROUNDS"
java -cp "$(classpath bridge)" org.sentrybridge.benchmarks.Report "$RESULTS"
cat "$RESULTS/allocation.txt"
cat "$RESULTS/slow-sentry.txt"
