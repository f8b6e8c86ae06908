#!/usr/bin/env bash
# Runs the build host. The host is compiled only when a source or project file changed since the last build, so a
# warm call costs the host's start-up, not an MSBuild run (dotnet run --project build pays ~3 s on every call).
#
# Each build goes to a new folder, .build/host-<time>-<pid>/, and .build/host.current is switched to it by a rename:
# a host that is still running keeps its own folder intact, and never sees DLLs overwritten under it.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="$repo/.build"
pointer="$state/host.current"

# The folder of the current host build, if there is a complete one.
current_host() {
  local name
  [ -f "$pointer" ] || return 1
  name="$(cat "$pointer")"
  [ -f "$state/$name/Build.dll" ] && [ -f "$state/$name/.stamp" ] || return 1
  echo "$state/$name"
}

# Every file the host is built from, in a stable order. (Plain bash 3 loops: macOS still ships bash 3.2.)
list_sources() {
  local dirs=("$repo/build") d f
  for d in src pipelines; do
    if [ -d "$repo/$d" ]; then dirs+=("$repo/$d"); fi
  done
  find "${dirs[@]}" \( -name bin -o -name obj \) -prune -o \
    -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name '*.json' -o -path "$repo/pipelines/samples/*" \) -print
  for f in Directory.Build.props Directory.Build.targets Directory.Packages.props global.json; do
    if [ -f "$repo/$f" ]; then echo "$repo/$f"; fi
  done
}

# True when the host is missing, or a file it is built from changed after its build started, or a file was added,
# deleted or renamed since (which no remaining file's time would show).
needs_build() {
  local host sources
  host="$(current_host)" || return 0
  sources="$(list_sources | LC_ALL=C sort)"
  if [ "$sources" != "$(cat "$host/.sources" 2>/dev/null)" ]; then return 0; fi
  while IFS= read -r f; do
    if [ "$f" -nt "$host/.stamp" ]; then return 0; fi
  done <<<"$sources"
  return 1
}

build_host() {
  local name dir log old
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "error: dotnet was not found on PATH: install the .NET 10 SDK, then run ./build.sh again." >&2
    exit 1
  fi
  echo "Building the build host (sources changed)..." >&2
  name="host-$(date -u +%Y%m%d%H%M%S)-$$"
  dir="$state/$name"
  log="$state/host-build.log"
  mkdir -p "$dir"
  # Stamped before the build starts: a file edited while MSBuild runs is newer, so the next call rebuilds.
  touch "$dir/.stamp.pending"
  list_sources | LC_ALL=C sort >"$dir/.sources"
  if ! dotnet build "$repo/build/Build.csproj" --configuration Release --output "$dir" --nologo \
       --verbosity quiet >"$log" 2>&1; then
    cat "$log" >&2
    rm -rf "$dir"
    echo "error: building the build host failed (the log above is also in $log)." >&2
    exit 1
  fi
  mv "$dir/.stamp.pending" "$dir/.stamp"
  old="$(current_host || true)"
  echo "$name" >"$pointer.$$"
  mv -f "$pointer.$$" "$pointer"
  # The replaced build may still be in use; delete it only an hour after it was replaced.
  if [ -n "$old" ]; then touch "$old/.superseded"; fi
  find "$state" -mindepth 2 -maxdepth 2 -name .superseded -mmin +60 -print 2>/dev/null | while read -r marker; do
    rm -rf "$(dirname "$marker")"
  done
}

if needs_build; then
  mkdir -p "$state"
  if command -v flock >/dev/null 2>&1; then
    # Two jobs starting at once must not build together; the second waits, then finds the host fresh.
    exec 9>"$state/host.lock"
    flock 9
    if needs_build; then build_host; fi
    flock -u 9
    exec 9>&-
  else
    echo "warning: flock is not installed; building without a lock (do not start two builds of this checkout at once)." >&2
    build_host
  fi
fi

exec dotnet "$(current_host)/Build.dll" "$@"
