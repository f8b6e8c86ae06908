#!/usr/bin/env bash
# The host's start-up from one run, each figure beside its baseline (alternating runs, medians):
#   - `./build.sh --tree` (warm: the freshness check plus the host) against a bare `dotnet hello.dll` started the same
#     way, and the host alone (`dotnet .build/<host>/Build.dll --tree`) against the same baseline;
#   - a small rollback (1 model x 6 versions) against `./build.sh --tree`.
# Usage: bench/run-startup-bench.sh [runs]   (default 7; about a minute). run-scale-bench.sh calls it for its last rows.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$repo"

# shellcheck source=bench/timing.sh
source "$repo/bench/timing.sh"

./build.sh --tree >/dev/null 2>&1
host="$repo/.build/$(cat "$repo/.build/host.current")"
dotnet build bench/ModelRelease.Benchmarks -c Release --nologo -v quiet >/dev/null
small="$work/small"
dotnet bench/ModelRelease.Benchmarks/bin/Release/net10.0/ModelRelease.Benchmarks.dll grow "$small" 1 6 24 >/dev/null

# A bare .NET program, built and started the same way as the host (framework-dependent, `dotnet x.dll`).
hello="$work/hello"
mkdir -p "$hello" && cat >"$hello/hello.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>
XML
echo 'System.Console.WriteLine("hello");' >"$hello/Program.cs"
dotnet build "$hello/hello.csproj" -c Release -o "$hello/out" --nologo -v quiet >/dev/null

# One warm-up of each, so the first timed run does not pay for a cold page cache.
dotnet "$hello/out/hello.dll" >/dev/null
dotnet "$host/Build.dll" --tree >/dev/null
declare -a tree_ms hello_ms host_ms rollback_ms
for ((i = 0; i < runs; i++)); do
  hello_ms+=("$(time_once dotnet "$hello/out/hello.dll")")
  tree_ms+=("$(time_once ./build.sh --tree)")
  host_ms+=("$(time_once dotnet "$host/Build.dll" --tree)")
  rollback_ms+=("$(time_once ./build.sh -t Rollback --model=model-000 --to=previous --root="$small" --reason=bench)")
done
hello_median=$(printf '%s\n' "${hello_ms[@]}" | median)
tree_median=$(printf '%s\n' "${tree_ms[@]}" | median)
row "./build.sh --tree (warm start)" "$tree_median" "dotnet hello.dll" "$hello_median"
row "host alone (dotnet Build.dll --tree)" "$(printf '%s\n' "${host_ms[@]}" | median)" "dotnet hello.dll" "$hello_median"
row "Rollback --to=previous (small registry)" "$(printf '%s\n' "${rollback_ms[@]}" | median)" "./build.sh --tree" "$tree_median"
