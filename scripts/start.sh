#!/usr/bin/env bash
# `npm start`: installs what is missing, builds, and runs the assistant with local Redis and FerretDB unless
# REDIS_URL / MONGODB_URI are set.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-env.sh
npm run build --silent
exec node dist/cli.js serve
