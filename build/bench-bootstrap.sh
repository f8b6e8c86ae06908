#!/usr/bin/env bash
# Times the warm bootstrap (./build.sh --tree) against the Cake Frosting template's way of starting a host
# (dotnet run --project build/Build.csproj -- --tree). Both are warmed up first, then run alternately in ABBA
# order so drift (thermal, page cache, a neighbour's build) falls on both series alike.
# Usage: build/bench-bootstrap.sh [RUNS]   (RUNS per command, at least 5, default 7)
set -euo pipefail

runs="${1:-7}"
if ! [[ "$runs" =~ ^[0-9]+$ ]] || (( runs < 5 )); then
  echo "error: RUNS must be a whole number of at least 5, got '$runs'. Usage: $0 [RUNS]" >&2
  exit 2
fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NO_COLOR=1 DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

bootstrap=(./build.sh --tree)
dotnet_run=(dotnet run --project build/Build.csproj -- --tree)
errlog="$(mktemp)"
trap 'rm -f "$errlog"' EXIT

# Prints the command's wall time in microseconds; its output is discarded, its stderr kept for the checks below.
time_us() {
  local start end
  start=$(date +%s%N)
  if ! "$@" >/dev/null 2>"$errlog"; then
    cat "$errlog" >&2
    echo "error: '$*' failed; the benchmark needs both commands to work." >&2
    return 1
  fi
  end=$(date +%s%N)
  echo $(( (end - start) / 1000 ))
}

count_rebuild() { if grep -q 'Building the build host' "$errlog"; then rebuilt=$((rebuilt + 1)); fi; }
median_us() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
as_ms() { local out=() v; for v in "$@"; do out+=("$(( (v + 500) / 1000 ))"); done; echo "${out[*]}"; }

echo "Warming up: building the host for ./build.sh and the Debug build for dotnet run..."
time_us "${bootstrap[@]}" >/dev/null
time_us "${dotnet_run[@]}" >/dev/null

boot=() run=() rebuilt=0
for (( i = 1; i <= runs; i++ )); do
  # ABBA: odd rounds start with build.sh, even rounds with dotnet run.
  if (( i % 2 )); then
    boot+=("$(time_us "${bootstrap[@]}")"); count_rebuild
    run+=("$(time_us "${dotnet_run[@]}")")
  else
    run+=("$(time_us "${dotnet_run[@]}")")
    boot+=("$(time_us "${bootstrap[@]}")"); count_rebuild
  fi
done

boot_median="$(median_us "${boot[@]}")"
run_median="$(median_us "${run[@]}")"

echo "runs per command: $runs (alternating, after one warm-up each)"
echo "build.sh --tree runs (ms): $(as_ms "${boot[@]}")"
echo "dotnet run --tree runs (ms): $(as_ms "${run[@]}")"
awk -v b="$boot_median" -v r="$run_median" 'BEGIN {
  printf "build.sh --tree median: %.0f ms\n", b / 1000
  printf "dotnet run --tree median: %.0f ms\n", r / 1000
  printf "ratio: %.1fx\n", r / b
}'
if (( rebuilt > 0 )); then
  echo "warning: $rebuilt of the build.sh runs rebuilt the host (sources changed during the benchmark); those runs are not warm." >&2
fi
