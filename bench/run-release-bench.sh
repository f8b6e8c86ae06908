#!/usr/bin/env bash
# Times whole release commands as a user runs them (warm host, real SQLite store, real serving root), side by side
# with the host's own start-up (./build.sh --tree) as the baseline, alternating so both see the same machine state.
# Usage: bench/run-release-bench.sh [runs]   (default 15). Prints medians in ms and each command's ratio to the baseline.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-15}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$repo"

./build.sh --tree >/dev/null 2>&1                          # build the host once
./build.sh --target=Demo --root="$work/demo" >/dev/null     # a registry with 6 versions, stable v2, golden v2
root="--root=$work/demo/serving_model"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.0f", m }'; }
time_once() { local start end; start=$(now_ms); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; end=$(now_ms); echo $((end - start)); }

declare -A samples
names=(baseline rollback status prune-dryrun verify)
for ((i = 0; i < runs; i++)); do
  samples[baseline]+="$(time_once ./build.sh --tree) "
  # Alternate the target so every run really moves stable (v2 -> v1 -> v2 ...).
  if ((i % 2 == 0)); then to=previous; else to=golden; fi
  samples[rollback]+="$(time_once ./build.sh --target=Rollback --model=sentiment --to=$to "$root" --reason=bench) "
  samples[status]+="$(time_once ./build.sh --target=Status --model=sentiment "$root") "
  samples[prune-dryrun]+="$(time_once ./build.sh --target=Prune --model=sentiment --keep=1 "$root" --dryrun) "
  samples[verify]+="$(time_once ./build.sh --target=Verify "$root") "
done

base=$(tr ' ' '\n' <<<"${samples[baseline]}" | grep . | median)
printf '%-14s %10s %8s   (%d runs each, alternating)\n' command median_ms ratio "$runs"
for name in "${names[@]}"; do
  m=$(tr ' ' '\n' <<<"${samples[$name]}" | grep . | median)
  printf '%-14s %10s %8s\n' "$name" "$m" "$(awk -v m="$m" -v b="$base" 'BEGIN { printf "%.2fx", m / b }')"
done
