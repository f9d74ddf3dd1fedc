# Shared by the .ci scripts (source it): root commands and apt-get with a bounded retry.
# The sourcing script defines log() first, so messages carry its own prefix.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

# apt may be held by another process (another engineer, unattended upgrades): retry for a bounded time.
apt_retry() {
  local attempt
  for attempt in $(seq 1 40); do
    if as_root env DEBIAN_FRONTEND=noninteractive apt-get "$@" >&2; then return 0; fi
    log "apt-get $1 failed (attempt $attempt; the apt lock may be held), retrying in 5 s"
    sleep 5
  done
  log "apt-get $* kept failing; giving up"
  return 1
}
