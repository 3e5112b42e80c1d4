#!/usr/bin/env bash
# Sets up a fresh Debian machine for the whole test suite, then runs it: the README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."

# Browser tests drive Debian's Chromium; they are never skipped, so a missing browser is an error.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
  else
    echo "error: the browser tests need Debian's chromium at /usr/bin/chromium." >&2
    echo "       Install it as root with: apt-get install chromium" >&2
    exit 1
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
exec .venv/bin/python -m pytest "$@"
