#!/usr/bin/env bash
# Makes sure a Chromium for Playwright exists. Playwright's own browser download does not work
# on every machine, so prefer the system's Chromium: Debian's package when we are root, else
# Playwright's download where that works. As root on Debian it also adds a small Chinese font,
# so the screenshots of the zh-CN interface show characters rather than boxes.
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

if can_apt && command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
  echo "Installing a Chinese font (fonts-wqy-microhei) for the zh-CN screenshots..."
  apt_install fonts-wqy-microhei || echo "warning: no Chinese font installed; zh-CN screenshots will show boxes"
fi
