#!/usr/bin/env bash
# The PostgreSQL store beside the SQLite one, from one run, every figure beside SQLite's (alternating, medians):
#   - release commands as a user runs them (./build.sh, warm host) on a root with 1 model x 6 versions: a push, a
#     label move, Status and History, on a root whose store is SQLite (<root>/registry.db) and on one whose store is
#     a schema of a local PostgreSQL;
#   - a burst of 8 pushes started at once (8 processes, 8 different artifacts) into each store: its wall time, and a
#     check that all 8 versions were recorded with distinct serving numbers.
# Usage: bench/run-store-bench.sh [runs]   (default 7; about two minutes). Uses the server MODELRELEASE_TEST_POSTGRES
# names, else starts a throwaway one through .ci/start-postgres.sh (and deletes it after). PostgreSQL runs on the same
# 2 cores as the host here, with the test cluster's settings (fsync off); over a network each statement costs a round trip more.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [[ -z ${MODELRELEASE_TEST_POSTGRES:-} ]]; then
  exec "$repo/.ci/start-postgres.sh" "$0" "$@"
fi
runs="${1:-7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$repo"

# shellcheck source=bench/timing.sh
source "$repo/bench/timing.sh"

# The password goes through a variable the connection string names, never on a command line.
registry=""
IFS=';' read -ra settings <<<"$MODELRELEASE_TEST_POSTGRES"
for setting in "${settings[@]}"; do
  case "$setting" in
    Password=*) export MODELRELEASE_BENCH_PASSWORD="${setting#Password=}" ;;
    ?*) registry+="$setting;" ;;
  esac
done
registry+="Password Env=MODELRELEASE_BENCH_PASSWORD;Search Path=bench_$$"

./build.sh --tree >/dev/null 2>&1
sample=pipelines/samples/sentiment
# An artifact with other bytes each time (pushing identical bytes returns the existing version).
artifact() {
  rm -rf "$work/$1" && cp -r "$sample/model" "$work/$1" && echo "$1 $RANDOM" >>"$work/$1/assets/vocab.txt"
  echo "$work/$1"
}
push() { ./build.sh -t Push --model=sentiment --artifact="$1" --skip-validation --reason=bench --dataset-version=bench "${@:2}"; }

sqlite_root="$work/sqlite-root"
pg_root="$work/pg-root"
declare -A store=([sqlite]="$sqlite_root/registry.db" [pg]="$registry")
declare -A root=([sqlite]="$sqlite_root" [pg]="$pg_root")
for kind in sqlite pg; do
  for i in 1 2 3 4 5 6; do
    push "$(artifact "$kind-seed-$i")" --version="sentiment-v$i" --root="${root[$kind]}" --registry="${store[$kind]}" >/dev/null
  done
  ./build.sh -t Promote --model=sentiment --version=sentiment-v1 --root="${root[$kind]}" --registry="${store[$kind]}" >/dev/null
done

declare -A samples
for ((i = 0; i < runs; i++)); do
  for kind in sqlite pg; do
    at=(--root="${root[$kind]}" --registry="${store[$kind]}")
    samples[$kind-push]+="$(time_once push "$(artifact "$kind-run-$i")" "${at[@]}") "
    samples[$kind-label]+="$(time_once ./build.sh -t Label --model=sentiment --label=golden --version="sentiment-v$((i % 2 + 2))" "${at[@]}") "
    samples[$kind-status]+="$(time_once ./build.sh -t Status --model=sentiment "${at[@]}") "
    samples[$kind-history]+="$(time_once ./build.sh -t History --model=sentiment "${at[@]}") "
  done
done

# 8 pushes at once into each store; each waits for the store's writer lock in turn.
declare -A burst
for kind in sqlite pg; do
  for p in 1 2 3 4 5 6 7 8; do artifact "$kind-burst-$p" >/dev/null; done
  start=$(now_ms)
  pids=()
  for p in 1 2 3 4 5 6 7 8; do
    push "$work/$kind-burst-$p" --version="burst-$p" --root="${root[$kind]}" --registry="${store[$kind]}" >"$work/$kind-burst-$p.log" 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || { echo "a burst push failed:" >&2; cat "$work"/"$kind"-burst-*.log >&2; exit 1; }; done
  burst[$kind]=$(($(now_ms) - start))
  numbers=$(./build.sh -t Status --model=sentiment --format=json --all --root="${root[$kind]}" --registry="${store[$kind]}" 2>/dev/null |
    grep -A1 '"name": "burst-[0-9]"' | grep -o '"number": [0-9]*' | sort -u | wc -l)
  if [[ $numbers -ne 8 ]]; then
    echo "error: the $kind store recorded $numbers distinct burst versions, not 8." >&2
    exit 1
  fi
done

echo
echo "| measure | PostgreSQL | baseline | SQLite | ratio |"
echo "|---|---|---|---|---|"
for step in push label status history; do
  pg_ms=$(tr ' ' '\n' <<<"${samples[pg-$step]}" | grep . | median)
  sqlite_ms=$(tr ' ' '\n' <<<"${samples[sqlite-$step]}" | grep . | median)
  row "$step (1 model x 6+ versions)" "$pg_ms" "same on SQLite" "$sqlite_ms"
done
row "8 pushes at once (wall time, 8 distinct numbers)" "${burst[pg]}" "same on SQLite" "${burst[sqlite]}"
