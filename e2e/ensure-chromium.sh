#!/usr/bin/env bash
# Makes sure a Chromium for Playwright exists. Playwright's own browser download does not work
# on every machine, so prefer the system's Chromium: Debian's package (and its headless shell)
# when we are root, else Playwright's download where that works. As root on Debian it also adds a
# small Chinese font, so the screenshots of the zh-CN interface show characters rather than boxes.
set -euo pipefail
can_apt() { command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; }
updated=""
apt_install() {
  [ -n "$updated" ] || { apt-get update -qq; updated=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then
  :
elif [ -x /usr/bin/chromium ]; then
  :
elif can_apt; then
  echo "Installing Debian's chromium for the browser tests..."
  apt_install chromium
else
  echo "No system Chromium; trying Playwright's own download..."
  npx playwright install chromium
  exit 0
fi

# The headless shell (the browser without its UI layers) runs the journeys about a fifth faster
# than the full browser; e2e/chromium.ts prefers it. Without it the full browser is used.
if can_apt && [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/lib/chromium/chromium-headless-shell ]; then
  echo "Installing Debian's chromium-headless-shell for the browser tests..."
  apt_install chromium-headless-shell || echo "warning: no chromium-headless-shell; the journeys use the full browser"
fi

if can_apt && command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
  echo "Installing a Chinese font (fonts-wqy-microhei) for the zh-CN screenshots..."
  apt_install fonts-wqy-microhei || echo "warning: no Chinese font installed; zh-CN screenshots will show boxes"
fi
