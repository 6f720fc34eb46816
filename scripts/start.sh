#!/usr/bin/env bash
# `npm start`: installs what is missing, builds when a source changed, and runs the assistant with local Redis and
# FerretDB unless REDIS_URL / MONGODB_URI are set.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-env.sh
# A warm start skips the build (about a minute) when nothing that goes into dist/ is newer than the last build.
stamp=dist/.build-stamp
inputs=(src package.json package-lock.json tsconfig.json tsconfig.build.json scripts/build-widget.js)
if [ ! -f "$stamp" ] || [ ! -f dist/cli.js ] ||
  [ -n "$(find "${inputs[@]}" -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  touch "$stamp.next" # taken before building, so a file saved during the build still counts as changed next time
  npm run build --silent
  mv "$stamp.next" "$stamp"
fi
exec node dist/cli.js serve
