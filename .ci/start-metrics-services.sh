#!/usr/bin/env bash
# Real Prometheus and Pushgateway for the tests, on 127.0.0.1 and free ports, with .ci/prometheus-test.yml.
#
#   .ci/start-metrics-services.sh CMD ARGS...   start both, run CMD with the URLs exported, stop both, exit with CMD's status
#   source .ci/start-metrics-services.sh        define start_metrics_services and stop_metrics_services (.ci/run does this)
#
# start_metrics_services installs Debian's prometheus and prometheus-pushgateway when they are missing, starts them
# with their data in a temp directory, waits until both answer /-/ready (60 s at most), and exports
# MODELRELEASE_TEST_PROMETHEUS and MODELRELEASE_TEST_PUSHGATEWAY, and MODELRELEASE_TEST_SERVING_TARGETS: the
# directory where a test drops a file_sd targets file for a model server it started, so Prometheus scrapes it. Only bash and coreutils are needed besides them:
# ports are probed and readiness is asked through bash's /dev/tcp, so no curl or python.

_metrics_dir=""
_metrics_pids=()

_metrics_repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# shellcheck source=services-common.sh
source "$_metrics_repo/.ci/services-common.sh"

_metrics_install() {
  if command -v prometheus >/dev/null 2>&1 && command -v prometheus-pushgateway >/dev/null 2>&1; then
    return 0
  fi
  service_apt_install prometheus prometheus-pushgateway
}

# True when GET http://127.0.0.1:$1$2 answers 200.
_metrics_http_ok() {
  local status
  status="$(timeout 5 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "GET %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\n\r\n" "$2" "$1" >&3
    IFS= read -r line <&3 && printf "%s" "$line"' _ "$1" "$2" 2>/dev/null)" || return 1
  [[ $status == HTTP/*" 200"* ]]
}

_metrics_fail() {
  echo "error: $1" >&2
  local log
  for log in "$_metrics_dir"/*.log; do
    [[ -f $log ]] || continue
    echo "--- last lines of $(basename "$log") ---" >&2
    tail -n 20 "$log" >&2
  done
  stop_metrics_services
  return 1
}

start_metrics_services() {
  _metrics_install || return 1
  _metrics_dir="$(mktemp -d "${TMPDIR:-/tmp}/modelrelease-metrics.XXXXXX")"
  local prometheus_port pushgateway_port
  pushgateway_port="$(service_free_port)" || return 1
  prometheus_port="$(service_free_port)" || return 1
  while [[ $prometheus_port == "$pushgateway_port" ]]; do
    prometheus_port="$(service_free_port)" || return 1
  done

  mkdir -p "$_metrics_dir/serving-targets"
  sed -e "s/@PUSHGATEWAY@/127.0.0.1:${pushgateway_port}/" -e "s|@SERVING_TARGETS@|$_metrics_dir/serving-targets|" \
    "$_metrics_repo/.ci/prometheus-test.yml" >"$_metrics_dir/prometheus.yml"

  prometheus-pushgateway --web.listen-address="127.0.0.1:${pushgateway_port}" >"$_metrics_dir/pushgateway.log" 2>&1 &
  _metrics_pids+=($!)
  prometheus --config.file="$_metrics_dir/prometheus.yml" --storage.tsdb.path="$_metrics_dir/data" \
    --web.listen-address="127.0.0.1:${prometheus_port}" >"$_metrics_dir/prometheus.log" 2>&1 &
  _metrics_pids+=($!)

  local deadline=$((SECONDS + 60)) pid
  until _metrics_http_ok "$pushgateway_port" /-/ready && _metrics_http_ok "$prometheus_port" /-/ready; do
    for pid in "${_metrics_pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { _metrics_fail "a metrics server (pid $pid) exited while starting (Prometheus on 127.0.0.1:${prometheus_port}, Pushgateway on 127.0.0.1:${pushgateway_port})."; return 1; }
    done
    if ((SECONDS >= deadline)); then
      _metrics_fail "Prometheus (127.0.0.1:${prometheus_port}) and the Pushgateway (127.0.0.1:${pushgateway_port}) did not both answer /-/ready within 60 s."
      return 1
    fi
    sleep 0.2
  done

  export MODELRELEASE_TEST_PROMETHEUS="http://127.0.0.1:${prometheus_port}"
  export MODELRELEASE_TEST_PUSHGATEWAY="http://127.0.0.1:${pushgateway_port}"
  export MODELRELEASE_TEST_SERVING_TARGETS="$_metrics_dir/serving-targets"
  echo "Prometheus at $MODELRELEASE_TEST_PROMETHEUS, Pushgateway at $MODELRELEASE_TEST_PUSHGATEWAY, serving targets in $MODELRELEASE_TEST_SERVING_TARGETS"
}

stop_metrics_services() {
  local pid
  for pid in "${_metrics_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${_metrics_pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  _metrics_pids=()
  if [[ -n $_metrics_dir ]]; then
    rm -rf "$_metrics_dir"
    _metrics_dir=""
  fi
}

# Run as a wrapper (not sourced): start, run the command, stop, keep its status.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -uo pipefail
  if [[ $# -eq 0 ]]; then
    echo "usage: .ci/start-metrics-services.sh CMD ARGS...   e.g. .ci/start-metrics-services.sh ./build.sh --target=Test" >&2
    exit 2
  fi
  trap stop_metrics_services EXIT
  start_metrics_services || exit 1
  "$@"
  exit $?
fi
