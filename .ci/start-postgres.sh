#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, on 127.0.0.1 and a free port.
#
#   .ci/start-postgres.sh CMD ARGS...   start it, run CMD with MODELRELEASE_TEST_POSTGRES exported, stop it, exit with CMD's status
#   source .ci/start-postgres.sh        define start_postgres and stop_postgres (.ci/run does this)
#
# start_postgres installs Debian's postgresql when initdb is missing, creates a cluster with initdb in a temp
# directory (as the unprivileged 'postgres' user when run as root: initdb and postgres refuse root), starts it
# listening on 127.0.0.1 only, with its socket in that directory (never /var/run), waits until it answers (60 s at
# most), and exports MODELRELEASE_TEST_POSTGRES: a connection string for a password-protected superuser that the
# tests use to create one database per test. The password is random per run and is never printed.
# stop_postgres stops the server and deletes the cluster.

# shellcheck source=services-common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/services-common.sh"

_pg_dir=""
_pg_bin=""
_pg_as=()

_pg_find_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x $dir/initdb && -x $dir/pg_ctl ]]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

_pg_install() {
  if _pg_bin="$(_pg_find_bin)"; then
    return 0
  fi
  service_apt_install postgresql || return 1
  _pg_bin="$(_pg_find_bin)" || { echo "error: postgresql was installed, but no initdb was found under /usr/lib/postgresql/*/bin." >&2; return 1; }
}

_pg_fail() {
  echo "error: $1" >&2
  if [[ -f $_pg_dir/server.log ]]; then
    echo "--- last lines of the PostgreSQL log ---" >&2
    tail -n 20 "$_pg_dir/server.log" >&2
  fi
  stop_postgres
  return 1
}

start_postgres() {
  _pg_install || return 1
  _pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/modelrelease-postgres.XXXXXX")"
  _pg_as=()
  if [[ $(id -u) -eq 0 ]]; then
    # initdb and postgres refuse to run as root: the cluster belongs to the unprivileged user the package created.
    id postgres >/dev/null 2>&1 || { _pg_fail "running as root, but there is no 'postgres' user to own the cluster; run as an unprivileged user instead."; return 1; }
    chown postgres: "$_pg_dir"
    chmod 700 "$_pg_dir"
    _pg_as=(runuser -u postgres --)
  fi

  local password port
  password="$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)"
  port="$(service_free_port)" || return 1
  (umask 077 && printf '%s\n' "$password" >"$_pg_dir/pwfile")
  [[ ${#_pg_as[@]} -eq 0 ]] || chown postgres: "$_pg_dir/pwfile"

  if ! "${_pg_as[@]}" "$_pg_bin/initdb" --pgdata="$_pg_dir/data" --username=modelrelease --pwfile="$_pg_dir/pwfile" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$_pg_dir/initdb.log" 2>&1; then
    cat "$_pg_dir/initdb.log" >&2
    _pg_fail "initdb failed in $_pg_dir/data."
    return 1
  fi
  rm -f "$_pg_dir/pwfile"

  # fsync off: the cluster is deleted at the end anyway, and the tests create a database each.
  if ! "${_pg_as[@]}" "$_pg_bin/pg_ctl" --pgdata="$_pg_dir/data" --log="$_pg_dir/server.log" --silent \
    -o "-c listen_addresses=127.0.0.1 -p ${port} -k ${_pg_dir} -c fsync=off -c max_connections=200" start >/dev/null 2>&1; then
    _pg_fail "PostgreSQL did not start on 127.0.0.1:${port}."
    return 1
  fi

  local deadline=$((SECONDS + 60))
  until "$_pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres; do
    if ((SECONDS >= deadline)); then
      _pg_fail "PostgreSQL (127.0.0.1:${port}) did not answer within 60 s."
      return 1
    fi
    sleep 0.2
  done

  export MODELRELEASE_TEST_POSTGRES="Host=127.0.0.1;Port=${port};Username=modelrelease;Password=${password};Database=postgres"
  echo "PostgreSQL at 127.0.0.1:${port} (user modelrelease, cluster in $_pg_dir)"
}

stop_postgres() {
  if [[ -n $_pg_dir ]]; then
    if [[ -f $_pg_dir/data/postmaster.pid ]]; then
      "${_pg_as[@]}" "$_pg_bin/pg_ctl" --pgdata="$_pg_dir/data" --silent -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$_pg_dir"
    _pg_dir=""
  fi
}

# Run as a wrapper (not sourced): start, run the command, stop, keep its status.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -uo pipefail
  if [[ $# -eq 0 ]]; then
    echo "usage: .ci/start-postgres.sh CMD ARGS...   e.g. .ci/start-postgres.sh ./build.sh --target=Test" >&2
    exit 2
  fi
  trap stop_postgres EXIT
  start_postgres || exit 1
  "$@"
  exit $?
fi
