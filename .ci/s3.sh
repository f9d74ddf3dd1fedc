#!/usr/bin/env bash
# Starts the S3-compatible server the artifact-store and remote-data tests use, idempotently: s3rver from npm,
# pinned with its lock file in .ci/s3rver (installed with `npm ci`, from the local npm cache when it can), on
# 127.0.0.1 on a port of its own, with the test bucket created. Installs Node.js (Debian packages) when missing.
#
# stdout carries only `export NAME=value` lines (use: eval "$(bash .ci/s3.sh)"); the same lines are written to
# $KILN_S3_ROOT/env for `source`. Progress goes to stderr. `bash .ci/s3.sh stop` stops the server.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
package="$here/s3rver"
root="${KILN_S3_ROOT:-/tmp/kiln-s3}"
port="${KILN_S3_PORT:-45680}"
bucket="${KILN_S3_BUCKET:-kiln-test}"
endpoint="http://127.0.0.1:$port"
logfile="$root/s3rver.log"
pidfile="$root/s3rver.pid"
bin="$package/node_modules/s3rver/bin/s3rver.js"

log() { echo "s3: $*" >&2; }

# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_node() {
  local missing=()
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    apt_retry update -q
    apt_retry install -y -q --no-install-recommends "${missing[@]}"
  fi
}

# npm ci only when the installed tree is not the one the lock file describes (a stamp holds the lock's hash).
ensure_s3rver() {
  local want have=""
  want="$(sha256sum "$package/package-lock.json" | cut -d' ' -f1)"
  [ -f "$package/node_modules/.kiln-lock-sha256" ] && have="$(cat "$package/node_modules/.kiln-lock-sha256")"
  if [ -f "$bin" ] && [ "$want" = "$have" ]; then return 0; fi
  log "npm ci in $package"
  local attempt
  for attempt in 1 2 3; do
    if (cd "$package" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error >&2); then
      echo "$want" >"$package/node_modules/.kiln-lock-sha256"
      return 0
    fi
    log "npm ci failed (attempt $attempt), retrying in 5 s"
    sleep 5
  done
  log "npm ci kept failing; giving up"
  exit 1
}

# s3rver answers anonymous requests; GET / lists the buckets.
answers() {
  curl -fsS --max-time 2 "$endpoint/" >/dev/null 2>&1
}

bucket_exists() {
  curl -fsS --max-time 2 -o /dev/null "$endpoint/$bucket?max-keys=0" 2>/dev/null
}

stop() {
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    log "stopping s3rver (pid $(cat "$pidfile"))"
    kill "$(cat "$pidfile")"
    local i
    for i in $(seq 1 20); do
      kill -0 "$(cat "$pidfile")" 2>/dev/null || break
      sleep 0.5
    done
    kill -0 "$(cat "$pidfile")" 2>/dev/null && kill -9 "$(cat "$pidfile")" 2>/dev/null || true
  else
    log "no s3rver of $root is running"
  fi
  rm -f "$pidfile"
}

start_server() {
  if answers; then log "a server already answers on $endpoint"; return 0; fi
  mkdir -p "$root/data"
  log "starting s3rver on $endpoint (data $root/data, log $logfile)"
  # s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 only offers through its legacy provider.
  setsid nohup node --openssl-legacy-provider "$bin" -d "$root/data" -a 127.0.0.1 -p "$port" --configure-bucket "$bucket" \
    >"$logfile" 2>&1 </dev/null &
  echo $! >"$pidfile"
  local i
  for i in $(seq 1 60); do
    if answers; then return 0; fi
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then break; fi
    sleep 0.5
  done
  log "s3rver did not answer within 30 s; last lines of $logfile:"
  tail -n 20 "$logfile" >&2 || true
  exit 1
}

ensure_bucket() {
  if bucket_exists; then return 0; fi
  log "creating bucket $bucket"
  curl -fsS --max-time 5 -X PUT -o /dev/null "$endpoint/$bucket" || {
    log "could not create bucket $bucket on $endpoint"
    exit 1
  }
}

if [ "${1:-}" = "stop" ]; then
  stop
  exit 0
fi

ensure_node
ensure_s3rver
start_server
ensure_bucket

mkdir -p "$root"
{
  echo "export KILN_TEST_S3_ENDPOINT=$endpoint"
  echo "export KILN_TEST_S3_BUCKET=$bucket"
  # The fault tests start private servers of their own (stopped mid-upload, restarted) from the same package.
  echo "export KILN_TEST_S3RVER=$bin"
  echo "export AWS_ACCESS_KEY_ID=S3RVER"
  echo "export AWS_SECRET_ACCESS_KEY=S3RVER"
  echo "export AWS_REGION=us-east-1"
} | tee "$root/env"
log "ready; environment also in $root/env"
