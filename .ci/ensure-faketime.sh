#!/usr/bin/env bash
# Makes sure Debian's faketime (libfaketime) exists for `npm run test:date-shifted`.
set -euo pipefail
command -v faketime >/dev/null 2>&1 && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "Installing Debian's faketime for the date-shifted test pass..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null
else
  echo "faketime is missing: install it (Debian: apt-get install faketime) to run the date-shifted pass" >&2
  exit 1
fi
