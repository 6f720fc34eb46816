#!/usr/bin/env bash
# `npm test`: every check and every test, against real FerretDB (or MONGODB_URI) and Redis (or REDIS_URL).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-env.sh chromium

step() { echo; echo "==> $*"; }

step "typecheck"
npx tsc -p tsconfig.json --noEmit
npx tsc -p src/widget/tsconfig.json
step "lint"
npx eslint --max-warnings=0 .
npx prettier --check --log-level=warn .
step "no import cycles"
npx madge --circular --extensions ts src
step "build"
npm run build --silent
step "tests"
npx vitest run "$@"
if [ "$#" -eq 0 ]; then
  step "MCP Inspector (official CLI, Node 22) over stdio and HTTP"
  bash scripts/mcp-inspector-check.sh
  step "MCP conformance suite (official, Node 22) after an OAuth sign-in"
  bash scripts/mcp-conformance-check.sh
  step "scenario eval, basic mode (fails below the floor, or on any safety scenario)"
  eval_out="$(mktemp -d)"
  npm run eval --silent -- --model offline --min-pass "${EVAL_MIN_PASS:-0.9}" --out "$eval_out"
  rm -rf "$eval_out"
fi
