#!/usr/bin/env bash
# What the test-service scripts (.ci/start-metrics-services.sh, .ci/start-postgres.sh) share; they source this file.
# Only bash and coreutils: ports are probed through bash's /dev/tcp, so no curl, nc or python.

# True when something accepts connections on 127.0.0.1:$1.
service_listening() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints a port of 127.0.0.1 that nothing listens on.
service_free_port() {
  local port tries
  for tries in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! service_listening "$port"; then
      echo "$port"
      return 0
    fi
  done
  echo "error: found no free port on 127.0.0.1 in 200 tries." >&2
  return 1
}

# service_apt_install PACKAGE...: installs Debian packages, through sudo when not root; says how when it cannot.
# The packages' own services (if the machine runs systemd) keep their default ports; the tests' servers use free ones.
service_apt_install() {
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "error: $* not installed, and installing needs root: run 'apt-get install -y $*' as root, then rerun." >&2
      return 1
    fi
  fi
  echo "Installing $* (Debian packages) for the tests..."
  "${sudo[@]}" apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
