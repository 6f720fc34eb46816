#!/usr/bin/env bash
# Installs what FocusForge needs on this machine and nothing more: npm packages, and, unless MONGODB_URI /
# REDIS_URL point elsewhere, redis-server and PostgreSQL (Debian) and FerretDB (built once with Go, cached).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "[focusforge] $*" >&2; }

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    say "please install $* (e.g. sudo apt-get install -y $*)"
    return 1
  fi
  if [ -z "${FOCUSFORGE_APT_UPDATED:-}" ]; then
    say "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    export FOCUSFORGE_APT_UPDATED=1
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  # `npm install`, not `npm ci`: npm 11 leaves other platforms' optional packages out of the lock file and then
  # refuses `npm ci` on it; install still follows the lock file's versions.
  npm install --no-audit --no-fund >&2
fi

if [ -z "${REDIS_URL:-}" ] && ! command -v "${REDIS_SERVER_BIN:-redis-server}" >/dev/null; then
  apt_install redis-server
fi

if [ -z "${MONGODB_URI:-}" ]; then
  bash scripts/install-ferretdb.sh
  # FerretDB's store: PostgreSQL unless FERRETDB_BACKEND=sqlite (docs/decisions/0013-embedded-database.md)
  if [ "${FERRETDB_BACKEND:-postgresql}" = postgresql ] && [ -z "${POSTGRES_BIN_DIR:-}" ] &&
    ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then
    apt_install postgresql
  fi
fi

for extra in "${@}"; do
  case "$extra" in
    chromium) command -v chromium >/dev/null || apt_install chromium ;;
  esac
done
