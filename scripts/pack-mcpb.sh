#!/usr/bin/env bash
# Packs the stdio server as a Claude Desktop bundle (focusforge.mcpb): mcpb/manifest.json plus the built server and
# its production dependencies, zipped. Offline: it uses the build in dist/ and the installed node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."
version="$(node -p 'require("./package.json").version')"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
[ -f dist/cli.js ] || npx tsc -p tsconfig.build.json
mkdir -p "$stage/server"
node -e 'const m=require("./mcpb/manifest.json");m.version=process.argv[1];require("fs").writeFileSync(process.argv[2],JSON.stringify(m,null,2))' \
  "$version" "$stage/manifest.json"
cp -R dist package.json "$stage/server/"
cp -RL node_modules "$stage/server/node_modules"
(cd "$stage" && zip -qr -X "$OLDPWD/focusforge.mcpb" manifest.json server)
echo "wrote focusforge.mcpb (version $version)"
