#!/usr/bin/env bash
# Makes sure promtool exists for the deploy files' test (rules check and rule unit tests) and prints
# its path. Debian ships it only inside the `prometheus` package, which would also install and start
# a Prometheus service: the package is downloaded, never installed, and only usr/bin/promtool is
# extracted into node_modules/.cache/promtool/. No root needed (apt-get download writes to the
# current folder); as root with empty package lists, they are refreshed first.
set -euo pipefail
cd "$(dirname "$0")/.."
cache="$PWD/node_modules/.cache/promtool"

if command -v promtool >/dev/null 2>&1; then command -v promtool; exit 0; fi
if [ -x "$cache/promtool" ]; then echo "$cache/promtool"; exit 0; fi

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
  echo "promtool is missing: put it on PATH (it ships with Prometheus: https://prometheus.io/download/)" >&2
  exit 1
fi
if [ "$(id -u)" = "0" ] && ! apt-cache show prometheus >/dev/null 2>&1; then
  apt-get update -qq
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "Fetching Debian's prometheus package for promtool (not installed)..." >&2
# apt drops privileges to _apt for downloads; a temp folder it cannot write to only earns a warning.
(cd "$work" && apt-get download -qq prometheus 2>"$work/apt.err") || { cat "$work/apt.err" >&2; exit 1; }
deb="$(ls "$work"/prometheus_*.deb)"
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work" ./usr/bin/promtool
mkdir -p "$cache"
mv "$work/usr/bin/promtool" "$cache/promtool.tmp"
chmod 755 "$cache/promtool.tmp"
mv "$cache/promtool.tmp" "$cache/promtool"
echo "$cache/promtool"
