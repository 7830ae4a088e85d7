#!/usr/bin/env bash
# Makes sure PostgreSQL's server binaries exist: the store's contract tests start a throw-away
# cluster of their own (src/server/testing/postgres.ts). Nothing is started here.
set -euo pipefail
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "Installing Debian's postgresql for the store tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  # The package may start a cluster at install; the tests need none.
  (command -v pg_ctlcluster >/dev/null && pg_lsclusters -h 2>/dev/null | while read -r version name _; do pg_ctlcluster "$version" "$name" stop || true; done) || true
else
  echo "PostgreSQL server binaries are missing: install them (Debian: apt-get install postgresql) to run the store tests" >&2
  exit 1
fi
