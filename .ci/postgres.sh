#!/usr/bin/env bash
# Starts the PostgreSQL server the registry tests use, idempotently: Debian's postgresql package (installed when
# missing), a cluster initdb'd into a temporary directory as the `postgres` user, listening on 127.0.0.1 only on a
# port of its own, with a `kiln` superuser (trust on loopback) and a `kiln` database.
# Any other role authenticates with a password (scram-sha-256), so tests can exercise a wrong password.
#
# stdout carries only `export NAME=value` lines (use: eval "$(bash .ci/postgres.sh)"); the same lines are written
# to $KILN_POSTGRES_ROOT/env for `source`. Progress goes to stderr. `bash .ci/postgres.sh stop` stops the server.
set -euo pipefail

root="${KILN_POSTGRES_ROOT:-/tmp/kiln-postgres}"
port="${KILN_POSTGRES_PORT:-55432}"
database="${KILN_POSTGRES_DB:-kiln}"
user=kiln
data="$root/data"
logfile="$root/postgres.log"

log() { echo "postgres: $*" >&2; }

# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# The server refuses to run as root: as root, run its tools as the `postgres` user the Debian package creates.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The newest installed server version's bin directory (initdb, pg_ctl, psql are not all on PATH in Debian).
find_bindir() {
  local candidate
  candidate="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$candidate" ] && [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
    echo "$candidate"
  fi
}

ensure_packages() {
  bindir="$(find_bindir)"
  if [ -z "$bindir" ]; then
    log "installing postgresql"
    apt_retry update -q
    # Installing may start Debian's own cluster on 5432; this script never uses it.
    apt_retry install -y -q --no-install-recommends postgresql
    bindir="$(find_bindir)"
  fi
  if [ -z "$bindir" ]; then
    log "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin after installing the postgresql package"
    exit 1
  fi
}

answers() {
  "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2 >/dev/null 2>&1
}

psql_kiln() {
  "$bindir/psql" -h 127.0.0.1 -p "$port" -U "$user" -v ON_ERROR_STOP=1 -X -q -tA "$@"
}

stop() {
  bindir="$(find_bindir)"
  if [ -n "$bindir" ] && [ -f "$data/postmaster.pid" ]; then
    log "stopping the server of $data"
    as_pg "$bindir/pg_ctl" -D "$data" -m fast -w -t 30 stop >&2 || true
  else
    log "no server of $data is running"
  fi
}

init_cluster() {
  if [ -f "$data/PG_VERSION" ]; then return 0; fi
  log "initdb into $data"
  mkdir -p "$root"
  rm -rf "$data"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$root"; fi
  as_pg "$bindir/initdb" -D "$data" -U "$user" -A trust -E UTF8 --locale=C >"$root/initdb.log" 2>&1 || {
    log "initdb failed; last lines of $root/initdb.log:"
    tail -n 20 "$root/initdb.log" >&2
    exit 1
  }
  # The kiln superuser is trusted on loopback; every other role needs its password, so a wrong one is refused.
  as_pg tee "$data/pg_hba.conf" >/dev/null <<EOF
local all all trust
host all $user 127.0.0.1/32 trust
host all all 127.0.0.1/32 scram-sha-256
EOF
}

start_server() {
  if answers; then log "a server already answers on 127.0.0.1:$port"; return 0; fi
  log "starting PostgreSQL on 127.0.0.1:$port (data $data, log $logfile)"
  # -w -t: pg_ctl waits for the server to accept connections, for at most 60 s.
  if ! as_pg "$bindir/pg_ctl" -D "$data" -l "$logfile" -w -t 60 \
      -o "-p $port -k $root -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" start >&2; then
    log "the server did not start; last lines of $logfile:"
    tail -n 20 "$logfile" >&2 || true
    exit 1
  fi
  local i
  for i in $(seq 1 60); do
    if answers; then return 0; fi
    sleep 0.5
  done
  log "the server did not answer within 30 s; last lines of $logfile:"
  tail -n 20 "$logfile" >&2 || true
  exit 1
}

create_database() {
  if ! psql_kiln -d postgres -c "SELECT 1" >/dev/null 2>&1; then
    log "the server on 127.0.0.1:$port does not accept the trusted role '$user'; is it another cluster? (set KILN_POSTGRES_PORT)"
    exit 1
  fi
  if [ "$(psql_kiln -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != "1" ]; then
    log "creating database $database"
    "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$user" "$database"
  fi
}

if [ "${1:-}" = "stop" ]; then
  stop
  exit 0
fi

ensure_packages
init_cluster
start_server
create_database

{
  echo "export KILN_TEST_POSTGRES=postgres://$user@127.0.0.1:$port/$database"
} | tee "$root/env"
log "ready; environment also in $root/env"
