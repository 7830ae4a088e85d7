#!/usr/bin/env bash
# Makes sure a Chromium for Playwright exists. Playwright's own browser download does not work
# on every machine, so prefer the system's Chromium: Debian's package when we are root, else
# Playwright's download where that works.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then exit 0; fi
if [ -x /usr/bin/chromium ]; then exit 0; fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "No system Chromium; trying Playwright's own download..."
npx playwright install chromium
