#!/usr/bin/env bash
# Starts what the container tests and the Containerize/Deploy targets need, idempotently:
# a Docker engine on a private socket (no bridge, no iptables: containers use host networking)
# and a loopback registry on 127.0.0.1:5000. Installs the Debian packages when missing.
#
# stdout carries only `export NAME=value` lines (use: eval "$(bash .ci/container-engine.sh)");
# the same lines are written to $KILN_ENGINE_ROOT/env for `source`. Progress goes to stderr.
set -euo pipefail

root="${KILN_ENGINE_ROOT:-/tmp/kiln-docker}"
socket="${KILN_DOCKER_SOCKET:-/tmp/kiln-docker.sock}"
registry_addr="${KILN_REGISTRY_ADDR:-127.0.0.1:5000}"
state="${root}-state"   # logs, pid files, registry config and storage live beside the engine's data root
docker_host="unix://${socket}"

log() { echo "container-engine: $*" >&2; }

# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    apt_retry update -q
    apt_retry install -y -q --no-install-recommends "${missing[@]}"
  fi
}

engine_answers() {
  curl -fsS --max-time 2 --unix-socket "$socket" http://localhost/_ping >/dev/null 2>&1
}

registry_answers() {
  curl -fsS --max-time 2 "http://${registry_addr}/v2/" >/dev/null 2>&1
}

wait_for() {
  local what="$1" check="$2" logfile="$3" i
  for i in $(seq 1 60); do
    if "$check"; then return 0; fi
    sleep 0.5
  done
  log "$what did not answer within 30 s; last lines of $logfile:"
  tail -n 20 "$logfile" >&2 || true
  return 1
}

start_engine() {
  if engine_answers; then log "engine already answers on $docker_host"; return 0; fi
  mkdir -p "$root" "$state"
  # A stale socket or pid file from a killed engine would stop dockerd from starting.
  if [ -f "$state/dockerd.pid" ] && ! kill -0 "$(cat "$state/dockerd.pid")" 2>/dev/null; then
    rm -f "$state/dockerd.pid" "$socket"
  fi
  log "starting dockerd on $docker_host (data root $root, log $state/dockerd.log)"
  as_root setsid nohup dockerd --iptables=false --ip6tables=false --bridge=none \
    --host "$docker_host" --data-root "$root" --exec-root "$state/exec" \
    --pidfile "$state/dockerd.pid" >"$state/dockerd.log" 2>&1 </dev/null &
  wait_for "dockerd" engine_answers "$state/dockerd.log"
}

start_registry() {
  if registry_answers; then log "registry already answers on $registry_addr"; return 0; fi
  mkdir -p "$state/registry"
  cat >"$state/registry.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $state/registry
  delete:
    enabled: true
http:
  addr: $registry_addr
EOF
  # Each test run pushes a freshly built image under the same tag; collect what no tag reaches any more before serving
  # (safe only while no registry runs), so repeated runs on one machine do not fill the disk.
  docker-registry garbage-collect --delete-untagged "$state/registry.yml" >"$state/registry-gc.log" 2>&1 \
    || log "registry garbage collection failed (see $state/registry-gc.log); starting anyway"
  log "starting the registry on $registry_addr (log $state/registry.log)"
  setsid nohup docker-registry serve "$state/registry.yml" >"$state/registry.log" 2>&1 </dev/null &
  echo $! >"$state/registry.pid"
  wait_for "registry" registry_answers "$state/registry.log"
}

command -v curl >/dev/null 2>&1 || apt_retry install -y -q curl
ensure_packages
# Rollouts bind the new instance beside the old one (SO_REUSEPORT); without this, connections still queued on the
# old listener when it closes are reset instead of handed to the new one (Linux 5.14+; best effort).
as_root sysctl -q -w net.ipv4.tcp_migrate_req=1 >/dev/null 2>&1 || log "could not set net.ipv4.tcp_migrate_req=1; rollouts may drop a queued connection"
start_engine
start_registry

mkdir -p "$state"
{
  echo "export DOCKER_HOST=$docker_host"
  echo "export KILN_REGISTRY=$registry_addr"
} | tee "$state/env"
log "ready; environment also in $state/env"
