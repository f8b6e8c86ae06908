#!/usr/bin/env bash
# Runs the registry benchmarks (push, label move, queries) in Release and prints BenchmarkDotNet's summary tables.
# Usage: bench/run-registry-bench.sh [extra BenchmarkDotNet args]   e.g. --filter '*Label*'
# FILTER (default '*') picks benchmarks; BENCH_ARTIFACTS (default bench/BenchmarkDotNet.Artifacts) is where reports go.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
artifacts="${BENCH_ARTIFACTS:-$repo/bench/BenchmarkDotNet.Artifacts}"
rm -rf "$artifacts/results"
dotnet run -c Release --project bench/ModelRelease.Benchmarks -- \
  --filter "${FILTER:-*}" --artifacts "$artifacts" --exporters github "$@"
echo
echo "==== Summary ($(nproc) cores, $(uname -sr)) ===="
for report in "$artifacts"/results/*-report-github.md; do
  [ -e "$report" ] || { echo "no reports in $artifacts/results" >&2; exit 1; }
  echo
  echo "## $(basename "$report" -report-github.md)"
  # Skip the environment header BenchmarkDotNet repeats in every report; keep the table, un-escaping its quotes.
  grep '^|' "$report" | sed "s/&#39;/'/g"
done
