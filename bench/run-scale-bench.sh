#!/usr/bin/env bash
# The performance-at-scale table (issue "Performance at scale") from one run, every figure beside its baseline:
#   - release commands on a small registry (1 model, 6 versions) and a large one (100 models x 1,000 versions, 1 M
#     audit events, grown by `ModelRelease.Benchmarks grow`), alternating, medians and the large/small ratio;
#   - a push of a 1 GiB artifact (9 files) against `cp -r` + `sync` and `cp -r` + `sha256sum` of the copy, and the
#     floor of any push through the host: `./build.sh --tree` followed by `cp -r` + `sync`, against `cp -r` + `sync`;
#   - the host's warm start (`./build.sh --tree`) against a bare `dotnet hello.dll`, and a rollback against it.
# Usage: bench/run-scale-bench.sh [runs]   (default 7). Growing the large registry takes about a minute; set
# SCALE_ROOT=/path to keep it between runs (it is grown there once, then reused). Needs about 2.5 GiB free under
# $TMPDIR for the 1 GiB push.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$repo"

# shellcheck source=bench/timing.sh
source "$repo/bench/timing.sh"

./build.sh --tree >/dev/null 2>&1
dotnet build bench/ModelRelease.Benchmarks -c Release --nologo -v quiet >/dev/null
grow() { dotnet bench/ModelRelease.Benchmarks/bin/Release/net10.0/ModelRelease.Benchmarks.dll grow "$@"; }

small="$work/small"
grow "$small" 1 6 24 >/dev/null
large="${SCALE_ROOT:-$work/large}"
if [[ ! -f $large/registry.db ]]; then
  echo "Growing the large registry in $large (once)..."
  grow "$large" 100 1000 1000000 | grep -v ' events$'
fi

artifact="$work/artifact"
mkdir -p "$artifact/variables"
head -c 4096 /dev/zero >"$artifact/variables/variables.index"

# Not timed: the first change with a newer ModelRelease upgrades the store's schema (on the large store, building its
# indexes over a million events takes seconds, once).
for size in small large; do
  ./build.sh -t Rollback --model=model-000 --to=previous "--root=${!size}" --reason=bench-warm-up >/dev/null 2>&1 || true
done

declare -A samples
for ((i = 0; i < runs; i++)); do
  for size in small large; do
    root="--root=${!size}"
    samples[$size-rollback]+="$(time_once ./build.sh -t Rollback --model=model-000 --to=previous "$root" --reason=bench) "
    echo "run $i $size $RANDOM" >"$artifact/saved_model.pb"
    samples[$size-push]+="$(time_once ./build.sh -t Push --model=model-000 --artifact="$artifact" --skip-validation --reason=bench --dataset-version=bench "$root") "
    samples[$size-prune]+="$(time_once ./build.sh -t Prune --model=model-000 --keep=3 --reason=bench "$root") "
    samples[$size-status]+="$(time_once ./build.sh -t Status --model=model-000 "$root") "
    samples[$size-history]+="$(time_once ./build.sh -t History --since=1d "$root") "
  done
done

echo
echo "| measure | median | baseline | baseline median | ratio |"
echo "|---|---|---|---|---|"
for step in rollback push prune status history; do
  large_ms=$(tr ' ' '\n' <<<"${samples[large-$step]}" | grep . | median)
  small_ms=$(tr ' ' '\n' <<<"${samples[small-$step]}" | grep . | median)
  row "$step (100 models x 1,000 versions, 1 M events)" "$large_ms" "same on 1 model x 6 versions" "$small_ms"
done

# A 1 GiB artifact of 9 files, pushed into a fresh root each time, against copying it as a script would.
big="$work/big-artifact"
mkdir -p "$big/variables"
echo "saved model" >"$big/saved_model.pb"
for f in 1 2 3 4 5 6 7 8; do head -c $((128 * 1024 * 1024)) /dev/urandom >"$big/variables/part-$f"; done
declare -a push_ms cp_sync_ms cp_sha_ms floor_ms
for ((i = 0; i < runs; i++)); do
  rm -rf "$work/push-root" "$work/copy"
  push_ms+=("$(time_once ./build.sh -t Push --model=big --artifact="$big" --skip-validation --reason=bench --dataset-version=bench --root="$work/push-root")")
  rm -rf "$work/push-root"
  cp_sync_ms+=("$(time_once bash -c "cp -r '$big' '$work/copy' && sync")")
  rm -rf "$work/copy"
  cp_sha_ms+=("$(time_once bash -c "cp -r '$big' '$work/copy' && find '$work/copy' -type f -exec sha256sum {} + >/dev/null")")
  rm -rf "$work/copy"
  # The floor of any push through the host: its warm start, then the copy and the flush alone (no hash, no store).
  floor_ms+=("$(time_once bash -c "./build.sh --tree >/dev/null && cp -r '$big' '$work/copy' && sync")")
  rm -rf "$work/copy"
done
push_median=$(printf '%s\n' "${push_ms[@]}" | median)
row "Push of a 1 GiB artifact (9 files)" "$push_median" "cp -r + sync" "$(printf '%s\n' "${cp_sync_ms[@]}" | median)"
row "Push of a 1 GiB artifact (9 files)" "$push_median" "cp -r + sha256sum of the copy" "$(printf '%s\n' "${cp_sha_ms[@]}" | median)"
row "Floor: ./build.sh --tree, then cp -r + sync" "$(printf '%s\n' "${floor_ms[@]}" | median)" "cp -r + sync" "$(printf '%s\n' "${cp_sync_ms[@]}" | median)"

# Warm start against a bare .NET program started the same way, and a small rollback against it (run alone: about a minute).
"$repo/bench/run-startup-bench.sh" "$runs"
