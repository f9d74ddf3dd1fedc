#!/usr/bin/env bash
# Installs what the dashboard's browser tests drive, idempotently: Debian's chromium (and chromium-driver, for WebDriver
# users). Playwright for .NET drives this chromium through its executable path; its own browser download cannot work offline.
# Prints the chromium version on stdout; progress goes to stderr.
set -euo pipefail

log() { echo "browser: $*" >&2; }

# shellcheck source=apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/apt.sh"

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

chromium --version 2>/dev/null
