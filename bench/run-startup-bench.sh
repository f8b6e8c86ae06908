#!/usr/bin/env bash
# The host's start-up from one run, each figure beside its baseline (alternating runs, medians):
#   - `./build.sh --tree` (warm: the freshness check plus the host) against a bare `dotnet hello.dll` started the same
#     way, and the host alone (`dotnet .build/<host>/Build.dll --tree`) against the same baseline;
#   - a small rollback (1 model x 6 versions) against `./build.sh --tree`;
#   - for reference, where clang is installed: the same hello compiled ahead of time (Native AOT), the start a native
#     host would begin from.
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

# The same program published Native AOT, on Linux x64 with a clang on PATH (Debian names it clang-<version>). Reference only.
clang="$(command -v clang || compgen -c clang- | grep -E '^clang-[0-9]+$' | sort -V | tail -n 1 || true)"
native=""
if [ -n "$clang" ] && [ "$(uname -sm)" = "Linux x86_64" ] && dotnet publish "$hello/hello.csproj" -c Release -r linux-x64 -p:PublishAot=true -p:CppCompilerAndLinker="$clang" \
  -p:InvariantGlobalization=true -o "$hello/native" --nologo -v quiet >/dev/null 2>&1; then
  native="$hello/native/hello"
fi

# One warm-up of each, so the first timed run does not pay for a cold page cache.
dotnet "$hello/out/hello.dll" >/dev/null
dotnet "$host/Build.dll" --tree >/dev/null
declare -a tree_ms hello_ms host_ms rollback_ms native_ms
for ((i = 0; i < runs; i++)); do
  hello_ms+=("$(time_once dotnet "$hello/out/hello.dll")")
  if [ -n "$native" ]; then native_ms+=("$(time_once "$native")"); fi
  tree_ms+=("$(time_once ./build.sh --tree)")
  host_ms+=("$(time_once dotnet "$host/Build.dll" --tree)")
  rollback_ms+=("$(time_once ./build.sh -t Rollback --model=model-000 --to=previous --root="$small" --reason=bench)")
done
hello_median=$(printf '%s\n' "${hello_ms[@]}" | median)
tree_median=$(printf '%s\n' "${tree_ms[@]}" | median)
row "./build.sh --tree (warm start)" "$tree_median" "dotnet hello.dll" "$hello_median"
row "host alone (dotnet Build.dll --tree)" "$(printf '%s\n' "${host_ms[@]}" | median)" "dotnet hello.dll" "$hello_median"
row "Rollback --to=previous (small registry)" "$(printf '%s\n' "${rollback_ms[@]}" | median)" "./build.sh --tree" "$tree_median"
if [ -n "$native" ]; then
  row "reference: hello published Native AOT" "$(printf '%s\n' "${native_ms[@]}" | median)" "dotnet hello.dll" "$hello_median"
else
  echo "(no Native AOT reference row: it needs Linux x64, a clang on PATH and a publish that succeeds)"
fi
