#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests (the profile page), when it is missing. Offline: no browser download.
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq chromium >&2
fi
