#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests (the profile page, the dashboard), idempotently, with chromium-driver for
# WebDriver users and a font for readable screenshots. Playwright for .NET drives this chromium by its executable path; its
# own browser download cannot work offline. Prints the chromium version on stdout; progress goes to stderr.
set -euo pipefail

log() { echo "browser: $*" >&2; }

# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
# Text in screenshots needs a font; Debian's chromium only recommends one.
fc-list 2>/dev/null | grep -qi "dejavu\|liberation" || missing+=(fonts-dejavu-core)
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  apt_retry update -q
  apt_retry install -y -q --no-install-recommends "${missing[@]}"
fi

chromium --version 2>/dev/null
