#!/usr/bin/env bash
# `npm start`: installs what is missing, builds when a source changed, and runs the assistant with local Redis and
# FerretDB unless REDIS_URL / MONGODB_URI are set.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-env.sh
bash scripts/build-if-changed.sh
exec node dist/cli.js serve
