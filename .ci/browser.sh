#!/usr/bin/env bash
# Installs what the dashboard's browser tests drive, idempotently: Debian's chromium (and chromium-driver, for WebDriver
# users). Playwright for .NET drives this chromium through its executable path; its own browser download cannot work offline.
# Prints the chromium version on stdout; progress goes to stderr.
set -euo pipefail

log() { echo "browser: $*" >&2; }

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

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
# Text in screenshots needs a font; Debian's chromium only recommends one.
fc-list 2>/dev/null | grep -qi "dejavu\|liberation" || missing+=(fonts-dejavu-core)
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  apt_retry update -q
  apt_retry install -y -q --no-install-recommends "${missing[@]}"
fi

chromium --version
