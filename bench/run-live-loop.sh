#!/usr/bin/env bash
# Measures the live loop end to end: how long a bad canary serves traffic before traffic is back on stable.
# Each run is the live-loop test (tests/ModelRelease.Pipelines.Tests/Tasks/LiveLoopTests.cs): Serve on real ONNX
# models, a real Prometheus scraping it every second, a load generator at 150 labelled requests a second, and
# Analyze --auto (checks every second, four per step) rolling back a canary trained on shuffled labels. The exposure
# runs from the bad canary's first answer to its last: the operator's wait for 80 answers and two scrapes, the
# analysis until its first failed measurement, the rollback, and Serve reading the new routing (it polls every 200 ms).
# Usage: bench/run-live-loop.sh [runs]   (default 5). Starts Prometheus through .ci/start-metrics-services.sh unless
# MODELRELEASE_TEST_PROMETHEUS is already set. Prints each run and the medians.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
cd "$repo"
if [[ -z ${MODELRELEASE_TEST_PROMETHEUS:-} ]]; then
  exec .ci/start-metrics-services.sh "$0" "$@"
fi

report="$(mktemp)"
trap 'rm -f "$report"' EXIT
project=tests/ModelRelease.Pipelines.Tests/ModelRelease.Pipelines.Tests.csproj
dotnet build "$project" -c Release --nologo -v quiet >/dev/null
for ((i = 1; i <= runs; i++)); do
  MODELRELEASE_LIVE_LOOP_REPORT="$report" dotnet test "$project" -c Release --no-build --nologo \
    --filter "FullyQualifiedName~LiveLoopTests" >/dev/null || { echo "run $i failed; rerun the test to see why" >&2; exit 1; }
  tail -n 1 "$report" | awk -v i="$i" '{ printf "run %d: bad canary exposed %.2f s (%d of %d requests); last answer %.2f s after Analyze --auto returned\n", i, $1, $3, $4, $2 }'
done

median() { sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.2f", m }'; }
echo "median over $runs runs: exposed $(cut -d' ' -f1 "$report" | median) s; traffic left the canary $(cut -d' ' -f2 "$report" | median) s after Analyze --auto returned"
