#!/usr/bin/env bash
# Runs every benchmark in one go, on this machine, and prints the side-by-side table with the ratios
# as the last lines. JMH options can be given as arguments; the defaults take about 8 minutes, plus
# about 3 for the slow-Sentry delivery (sentry-bridge vs the SDK's transport, 100 ms per answer).
#   benchmarks/run.sh                                 # full run
#   benchmarks/run.sh -f 1 -wi 1 -i 2 -w 1s -r 1s     # quick look
set -euo pipefail
cd "$(dirname "$0")/.."

JMH_ARGS=("$@")
if [ ${#JMH_ARGS[@]} -eq 0 ]; then
  JMH_ARGS=(-f 2 -wi 3 -w 2s -i 5 -r 2s)
fi
RESULTS=benchmarks/target/results
MODULES=(bridge official-logback official-log4j2)

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

for module in "${MODULES[@]}"; do
  echo "== caller cost: $module" >&2
  java -cp "$(classpath "$module")" org.openjdk.jmh.Main "${JMH_ARGS[@]}" \
    -rf json -rff "$RESULTS/$module.json" 'ErrorCost|PopulatedScopeCost|BreadcrumbCost' >"$RESULTS/$module.log" 2>&1 ||
    { tail -40 "$RESULTS/$module.log" >&2; exit 1; }
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
echo "Java: $(java -version 2>&1 | head -1); cores: $(nproc 2>/dev/null || echo '?'); JMH: ${JMH_ARGS[*]}"
java -cp "$(classpath bridge)" org.sentrybridge.benchmarks.Report "$RESULTS"
cat "$RESULTS/allocation.txt"
cat "$RESULTS/slow-sentry.txt"
