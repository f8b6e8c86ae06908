#!/usr/bin/env bash
# Runs the build host. The host is compiled only when a source or project file is newer than it, so a warm
# call costs the host's start-up, not an MSBuild run (dotnet run --project build pays ~3 s on every call).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$repo/.build/host"
host="$out/Build.dll"

needs_build() {
  [ -f "$host" ] || return 0
  # Anything the host is built from: sources, projects and the shared props/targets at the root.
  [ -n "$(find "$repo/build" "$repo/src" "$repo/pipelines" \
            \( -name bin -o -name obj \) -prune -o \
            -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name '*.json' \) \
            -newer "$host" -print -quit)" ] && return 0
  for f in "$repo"/Directory.Build.props "$repo"/Directory.Build.targets "$repo"/Directory.Packages.props "$repo"/global.json; do
    [ -f "$f" ] && [ "$f" -nt "$host" ] && return 0
  done
  return 1
}

build_host() {
  echo "Building the build host (sources changed)..." >&2
  local log="$repo/.build/host-build.log"
  if ! dotnet build "$repo/build/Build.csproj" --configuration Release --output "$out" --nologo \
       --verbosity quiet >"$log" 2>&1; then
    cat "$log" >&2
    echo "error: the build host did not compile (full log: $log)." >&2
    exit 1
  fi
  # The output can be older than its sources when MSBuild found nothing to copy; mark it fresh.
  touch "$host"
}

if needs_build; then
  mkdir -p "$repo/.build"
  if command -v flock >/dev/null 2>&1; then
    # Two jobs starting at once must not build into the same folder together; the second waits, then rechecks.
    exec 9>"$repo/.build/host.lock"
    flock 9
    if needs_build; then build_host; fi
    flock -u 9
    exec 9>&-
  else
    build_host
  fi
fi

exec dotnet "$host" "$@"
