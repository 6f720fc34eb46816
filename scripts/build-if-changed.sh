#!/usr/bin/env bash
# Builds dist/ only when it is missing or something that goes into it is newer than the last build, so a warm
# `npm start` skips the build (about a minute).
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=dist/.build-stamp
inputs=(src package.json package-lock.json tsconfig.json tsconfig.build.json scripts/build-widget.js)
if [ ! -f "$stamp" ] || [ ! -f dist/cli.js ] ||
  [ -n "$(find "${inputs[@]}" -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  mkdir -p dist
  touch "$stamp.next" # taken before building, so a file saved during the build still counts as changed next time
  npm run build --silent
  mv "$stamp.next" "$stamp"
fi
