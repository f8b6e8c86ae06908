#!/usr/bin/env bash
# Runs this repository's release host (build/). It is compiled into .build/host/ when it is missing or when a file
# it is built from changed since; otherwise the call costs only the host's start-up.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
host="$repo/.build/host"

# Every file the host is built from.
list_sources() {
  find "$repo/build" \( -name bin -o -name obj \) -prune -o -type f -print
  for f in nuget.config global.json Directory.Build.props Directory.Build.targets Directory.Packages.props; do
    if [ -f "$repo/$f" ]; then echo "$repo/$f"; fi
  done
}

# True when there is no host, a source is newer than its build, or a source was added or removed since.
needs_build() {
  [ -f "$host/Build.dll" ] && [ -f "$host/.stamp" ] || return 0
  [ "$(list_sources | LC_ALL=C sort)" = "$(cat "$host/.sources" 2>/dev/null)" ] || return 0
  while IFS= read -r f; do
    if [ "$f" -nt "$host/.stamp" ]; then return 0; fi
  done < <(list_sources)
  return 1
}

build_host() {
  command -v dotnet >/dev/null 2>&1 || { echo "error: dotnet was not found on PATH: install the .NET 10 SDK, then run ./build.sh again." >&2; exit 1; }
  echo "Building the release host (build/ changed)..." >&2
  rm -rf "$host"
  mkdir -p "$host"
  # Stamped before the build: a file edited while it runs is newer, so the next call builds again.
  touch "$host/.stamp.pending"
  if ! dotnet build "$repo/build/Build.csproj" --configuration Release --output "$host" --nologo --verbosity quiet >"$repo/.build/host-build.log" 2>&1; then
    cat "$repo/.build/host-build.log" >&2
    echo "error: building the release host failed (the log above is also in .build/host-build.log)." >&2
    exit 1
  fi
  list_sources | LC_ALL=C sort >"$host/.sources"
  mv "$host/.stamp.pending" "$host/.stamp"
}

if needs_build; then
  mkdir -p "$repo/.build"
  if command -v flock >/dev/null 2>&1; then
    # Two jobs starting at once build once: the second waits, then finds the host fresh.
    exec 9>"$repo/.build/host.lock"
    flock 9
    if needs_build; then build_host; fi
    flock -u 9
    exec 9>&-
  else
    build_host
  fi
fi

exec dotnet "$host/Build.dll" "$@"
