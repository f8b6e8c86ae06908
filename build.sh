#!/usr/bin/env bash
# Runs the build host. The host is compiled only when a source or project file changed since the last build, so a
# warm call costs the host's start-up, not an MSBuild run (dotnet run --project build pays ~3 s on every call).
#
# Each build goes to a new folder, .build/host-<time>-<pid>/, and .build/host.current is switched to it by a rename:
# a host that is still running keeps its own folder intact, and never sees DLLs overwritten under it.
set -euo pipefail

# The checkout's absolute path without a subshell: cd there and back (the host runs in the caller's directory).
repo="${BASH_SOURCE[0]%/*}"
if [ "$repo" = "${BASH_SOURCE[0]}" ]; then repo=.; fi
caller="$PWD"
CDPATH='' cd -- "$repo"
repo="$PWD"
CDPATH='' cd -- "$caller"
state="$repo/.build"
pointer="$state/host.current"
host=""

# Sets $host to the folder of the current host build, if there is a complete one. (Builtins only: this runs on
# every call, and each process a warm start forks costs milliseconds.)
find_current_host() {
  local name=""
  host=""
  [ -f "$pointer" ] || return 1
  read -r name <"$pointer" || [ -n "$name" ] || return 1
  [ -f "$state/$name/Build.dll" ] && [ -f "$state/$name/.stamp" ] || return 1
  host="$state/$name"
}

# The start points of the find below: the host's folders and the root files it is built from. The root files are
# start points of the same find, so their names match the same patterns. (Plain bash 3: macOS ships bash 3.2.)
roots=("$repo/build")
for d in src pipelines; do
  if [ -d "$repo/$d" ]; then roots+=("$repo/$d"); fi
done
for f in Directory.Build.props Directory.Build.targets Directory.Packages.props global.json; do
  if [ -f "$repo/$f" ]; then roots+=("$repo/$f"); fi
done

# Every file the host is built from, one find: $@ is its action (-print, or -printf with a format).
find_sources() {
  find "${roots[@]}" \( -name bin -o -name obj \) -prune -o \
    -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name '*.json' -o -path "$repo/pipelines/samples/*" \) "$@"
}

# The source paths in a stable order (.sources, which build.ps1 reads too).
list_sources() {
  find_sources -print | LC_ALL=C sort
}

# Each source's modification time (ns), size and path (.listing), in find's order: each folder's own order, which
# stays the same while nothing in the folder changes (and when something does, the listing differs anyway). Unsorted,
# so a warm start forks one process. Fails where find has no -printf (BSD and macOS find): the caller then falls back
# to .sources and a time test per file.
list_stamped_sources() {
  find_sources -printf '%T@ %s %p\n' 2>/dev/null
}

# A hash of every source's path (relative to the checkout) and bytes, or nothing where sha256sum is missing. Another
# clone of the same commit has the same hash, though every file there has a new time.
content_hash() {
  command -v sha256sum >/dev/null 2>&1 || return 1
  (
    cd "$repo" || exit 1
    local absolute="$repo"
    repo=.
    roots=("${roots[@]/#"$absolute"/.}")
    find_sources -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum
  )
}

# True when the current host was built from sources with the bytes the checkout has now.
same_content() {
  local recorded="" now
  [ -f "$host/.content" ] || return 1
  read -r recorded <"$host/.content" || [ -n "$recorded" ] || return 1
  now="$(content_hash)" || return 1
  [ "$now" = "$recorded" ]
}

# True when the host is missing, or a file it is built from changed after its build started, or a file was added,
# deleted or renamed since (which no remaining file's time would show).
needs_build() {
  local listing recorded="" sources f
  find_current_host || return 0
  # The listing was taken before that build started, so one string comparison catches an edit (time or size), an
  # add, a delete or a rename, including an edit made while MSBuild ran.
  if [ -f "$host/.listing" ] && listing="$(list_stamped_sources)"; then
    IFS= read -r -d '' recorded <"$host/.listing" || true
    if [ "$listing" = "${recorded%$'\n'}" ]; then return 1; fi
    # New times, same bytes (a fresh clone of the same commit, a host restored from a CI cache): no build; the
    # listing is taken again so the next call is fast.
    if same_content; then
      printf '%s\n' "$listing" >"$host/.listing.$$" && mv -f "$host/.listing.$$" "$host/.listing"
      return 1
    fi
    return 0
  fi
  # No -printf, or a build by build.ps1 (which writes no .listing): the list of names, then a time test per file.
  sources="$(list_sources)"
  recorded=""
  if [ -f "$host/.sources" ]; then IFS= read -r -d '' recorded <"$host/.sources" || true; fi
  if [ "$sources" != "${recorded%$'\n'}" ]; then return 0; fi
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
  # Stamped and listed before the build starts: a file edited while MSBuild runs is newer than the stamp and differs
  # from the listing, so the next call rebuilds.
  touch "$dir/.stamp.pending"
  list_sources >"$dir/.sources"
  if ! list_stamped_sources >"$dir/.listing"; then rm -f "$dir/.listing"; fi
  if ! content_hash >"$dir/.content"; then rm -f "$dir/.content"; fi
  # Published ReadyToRun for this machine's runtime: the host's own code and its packages are compiled ahead of time,
  # so a warm start loads native code instead of JIT-compiling every method it runs (--tree: ~1,170 methods → ~270).
  # Framework-dependent: the shared runtime is the one `dotnet` finds, as with `dotnet build`. OutputPath keeps the
  # projects' own build output in .build/ (publish would otherwise leave bin/ folders all over src/).
  if ! dotnet publish "$repo/build/Build.csproj" --configuration Release --use-current-runtime --self-contained false \
       -p:PublishReadyToRun=true "-p:OutputPath=$state/host-bin/" --output "$dir" --nologo --verbosity quiet >"$log" 2>&1; then
    cat "$log" >&2
    rm -rf "$dir"
    echo "error: building the build host failed (the log above is also in $log)." >&2
    exit 1
  fi
  mv "$dir/.stamp.pending" "$dir/.stamp"
  old=""
  if find_current_host; then old="$host"; fi
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

# Sets $profile_name to the name JitProfile.ProfileName (ModelRelease.Cake) gives this command's multi-core JIT
# profile: its targets joined with '+', else tree, help, description or default; ASCII letters lower-cased, anything
# but letters, digits, '-' and '+' made '_', at most 80 characters. Keep the two in step (BuildShTests compares
# them); where they differ, a command only records its profile on every run, as it did before. Builtins only, bash 3.
jit_profile_name() {
  local LC_ALL=C mode=default targets="" count=0 take=0 arg name i c before
  local upper=ABCDEFGHIJKLMNOPQRSTUVWXYZ lower=abcdefghijklmnopqrstuvwxyz
  for arg in "$@"; do
    if [ "$take" = 1 ]; then
      take=0
    else
      case "$arg" in
        -t | --target) take=1; continue ;;
        --target=* | -t=*) arg="${arg#*=}" ;;
        --tree | --help | --description) mode="${arg#--}"; continue ;;
        -h) mode=help; continue ;;
        *) continue ;;
      esac
    fi
    if [ "$count" -gt 0 ]; then targets="$targets+"; fi
    targets="$targets$arg"
    count=$((count + 1))
  done
  name="$mode"
  if [ "$count" -gt 0 ]; then name="$targets"; fi
  profile_name=""
  for ((i = 0; i < ${#name} && ${#profile_name} < 80; i++)); do
    c="${name:i:1}"
    case "$c" in
      [a-z0-9+-]) ;;
      [A-Z]) before="${upper%%"$c"*}"; c="${lower:${#before}:1}" ;;
      *) c=_ ;;
    esac
    profile_name="$profile_name$c"
  done
}

find_current_host || { echo "error: no complete host build in $state (remove $state and run ./build.sh again)." >&2; exit 1; }
# Multi-core JIT profiles live in the host build they describe (see JitProfile in ModelRelease.Cake).
export MODELRELEASE_JIT_PROFILE_DIR="$host/jit-profiles"
# A command's profile is recorded on its first run in this host build and only replayed after that: otherwise the
# runtime rewrites it as every run exits, in thousands of small writes (about 35 ms of a small rollback). The switch
# is the runtime's own, undocumented one; a runtime that ignores it records on every run, as before. The host clears
# it, so the processes it starts record their own profiles as usual.
jit_profile_name "$@"
if [ -s "$MODELRELEASE_JIT_PROFILE_DIR/$profile_name.jitprofile" ]; then export DOTNET_MultiCoreJitNoProfileGather=1; fi
exec dotnet "$host/Build.dll" "$@"
