#!/usr/bin/env bash
# Drives FocusForge's MCP server with the official MCP Inspector CLI, over stdio (`focusforge mcp`) and Streamable
# HTTP (`focusforge serve` at /mcp), in both protocol eras: lists the tools, checks their schemas for portability
# (--strict), calls tools, and checks that a request without a token is refused.
# The Inspector needs Node >= 22; the npm package node@22 supplies it for this script only, the system Node stays.
# Uses MONGODB_URI / REDIS_URL when set; otherwise the server starts (and stops) a local FerretDB and Redis.
set -euo pipefail
cd "$(dirname "$0")/.."

inspector_pkg="@modelcontextprotocol/inspector@${INSPECTOR_VERSION:-2.12.0}"
node22_pkg="node@${INSPECTOR_NODE_VERSION:-22}"
node_bin="$(command -v node)" # the project's Node runs the server; only the Inspector runs on Node 22
work="$(mktemp -d)"
# Run as root, the local PostgreSQL runs as "postgres" and must be able to pass through this folder.
chmod 711 "$work"
server_pid=""
failures=0

say() { echo "[mcp-inspector-check] $*" >&2; }
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

inspector() {
  npx --yes -p "$node22_pkg" -p "$inspector_pkg" -- mcp-inspector --cli --format json "$@" 2> >(grep -v '^npm warn' >&2)
}

# expect_result DESCRIPTION JS_EXPRESSION INSPECTOR_ARGS...: runs the Inspector and evaluates the expression with
# `r` bound to the JSON result it printed. A failed run or a false expression is counted and the script goes on.
# The Inspector exits 5 when a tool answers isError; set expected_exit=5 where that is the point.
expect_result() {
  local description="$1" expression="$2" output status=0
  shift 2
  output="$(inspector "$@")" || status=$?
  if [ "$status" -eq "${expected_exit:-0}" ] && node -e '
    const expression = process.argv[1];
    const r = JSON.parse(require("node:fs").readFileSync(0, "utf8")).result;
    if (!new Function("r", `return (${expression});`)(r)) process.exit(1);
  ' "$expression" <<<"$output"; then
    say "ok: $description"
  else
    say "FAILED: $description (inspector exit $status)"
    say "  got: ${output:0:600}"
    failures=$((failures + 1))
  fi
}

say "building"
npx tsc -p tsconfig.build.json

port="$(node -e 'const s=require("node:net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
base="http://127.0.0.1:${port}"
export DATA_DIR="$work/data" LOG_LEVEL=warn MONGODB_DB="inspector_check_$$"
say "starting focusforge serve on $base"
PORT="$port" node dist/cli.js serve >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "$base/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "$base/ready" >/dev/null || { say "server not ready"; cat "$work/serve.log" >&2; exit 1; }
if [ -z "${MONGODB_URI:-}" ] || [ -z "${REDIS_URL:-}" ]; then
  # Reuse the database and Redis the server started, so every process below sees the same data.
  MONGODB_URI="${MONGODB_URI:-$(node -p 'require(process.argv[1]).mongodbUri' "$DATA_DIR/local-services.json")}"
  REDIS_URL="${REDIS_URL:-$(node -p 'require(process.argv[1]).redisUrl' "$DATA_DIR/local-services.json")}"
fi
export MONGODB_URI REDIS_URL

user_id="$(node dist/cli.js users create --name 'Inspector Check' --timezone Europe/Berlin | sed -n 's/^id: //p')"
token="$(node dist/cli.js tokens create --user "$user_id" --name inspector | grep '^ff_')"
expected_tools="$(node --input-type=module -e 'const { tools } = await import("./dist/tools/index.js"); console.log(JSON.stringify(tools.map((t) => t.name)))')"
say "user $user_id; registry has $(node -p "JSON.parse(process.argv[1]).length" "$expected_tools") tools"

http=("$base/mcp" --transport http --header "Authorization: Bearer $token")
stdio=(-e "FOCUSFORGE_TOKEN=$token" -e "MONGODB_URI=$MONGODB_URI" -e "REDIS_URL=$REDIS_URL" -e "MONGODB_DB=$MONGODB_DB"
  -e "LOG_LEVEL=warn" -e "HOME=$HOME" "$node_bin" "$PWD/dist/cli.js" mcp)

for era in legacy modern; do
  for transport in http stdio; do
    if [ "$transport" = http ]; then target=("${http[@]}"); else target=("${stdio[@]}"); fi
    label="$transport/$era"
    expect_result "$label lists every registry tool" "JSON.stringify(r.tools.map((t) => t.name).sort()) === JSON.stringify($expected_tools.sort())" \
      --protocol-era "$era" --method tools/list --strict "${target[@]}"
    expect_result "$label calls get_profile as the token's user" "r.structuredContent.id === '$user_id' && !r.isError" \
      --protocol-era "$era" --method tools/call --tool-name get_profile "${target[@]}"
    expect_result "$label calls update_profile with arguments" "r.structuredContent.preferences.tone === 'direct'" \
      --protocol-era "$era" --method tools/call --tool-name update_profile --tool-args-json '{"tone":"direct"}' "${target[@]}"
    expect_result "$label creates a task" "r.structuredContent.title === 'Inspector $label' && r.structuredContent.priority === 'high'" \
      --protocol-era "$era" --method tools/call --tool-name create_task \
      --tool-args-json "{\"title\":\"Inspector $label\",\"priority\":\"high\",\"tags\":[\"inspector\"]}" "${target[@]}"
    expect_result "$label lists the tasks it created" "r.structuredContent.items.some((t) => t.title === 'Inspector $label')" \
      --protocol-era "$era" --method tools/call --tool-name list_tasks --tool-args-json '{"tags":["inspector"]}' "${target[@]}"
    expected_exit=5 expect_result "$label gets an isError result for a task that is not there" "r.isError === true && /couldn't find/.test(r.content[0].text)" \
      --protocol-era "$era" --method tools/call --tool-name complete_task --tool-args-json '{"taskId":"task_0000000000000000"}' "${target[@]}"
    expect_result "$label reads the profile resource" "JSON.parse(r.contents[0].text).id === '$user_id'" \
      --protocol-era "$era" --method resources/read --uri focusforge://me/profile "${target[@]}"
    expect_result "$label lists the prompts" "r.prompts.map((p) => p.name).includes('plan_my_day')" \
      --protocol-era "$era" --method prompts/list "${target[@]}"
  done
done

# Without a token the server answers 401 and the Inspector (told not to start an OAuth login) reports auth_required.
refusal="$(inspector --method tools/list --stored-auth-only "$base/mcp" --transport http 2>&1 >/dev/null)" && refused=0 || refused=$?
if [ "$refused" -ne 0 ] && grep -qi 'auth' <<<"$refusal"; then
  say "ok: http without a token is refused"
else
  say "FAILED: http without a token was not refused as unauthenticated (exit $refused): ${refusal:0:300}"
  failures=$((failures + 1))
fi

if [ "$failures" -gt 0 ]; then
  say "$failures check(s) failed"
  exit 1
fi
say "all checks passed"
