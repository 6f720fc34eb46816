#!/usr/bin/env bash
# Builds FerretDB (the MongoDB-compatible server used for tests and local runs) from the Go module proxy,
# once, into a cache shared by every checkout. Why not plain `go install`: docs/decisions/0001-ferretdb-build.md.
set -euo pipefail

version="${FERRETDB_VERSION:-v1.24.2}"
# Our changes to FerretDB: lookups by _id use the _id index on SQLite (docs/decisions/0011-ferretdb-id-lookups.md);
# on PostgreSQL, equality filters use the indexes (docs/decisions/0013-embedded-database.md), and sorts with a limit
# and exact counts run in PostgreSQL (docs/decisions/0015-ferretdb-sort-pushdown.md).
# The suffix marks binaries built with them; bump it whenever a patch changes so cached binaries are rebuilt.
here="$(cd "$(dirname "$0")" && pwd)"
patches=("$here/ferretdb-id-index.patch" "$here/ferretdb-pg-indexes.patch" "$here/ferretdb-pg-sort.patch")
build="${version}-focusforge.4"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/focusforge"
bin="${FERRETDB_BIN:-$cache/bin/ferretdb}"

# Read the whole version text first: with pipefail, `--version | grep -q` fails whenever grep stops reading early
# (SIGPIPE), which rebuilt FerretDB on some warm starts.
if [ -x "$bin" ] && [[ "$("$bin" --version 2>/dev/null || true)" == *"${build}"* ]]; then
  exit 0
fi
command -v go >/dev/null || { echo "install-ferretdb: Go is needed to build FerretDB ${version}" >&2; exit 1; }

echo "Building FerretDB ${version} (one time, about a minute)..." >&2
mod="github.com/FerretDB/FerretDB@${version}"
go mod download "$mod"
src="$(go env GOMODCACHE)/github.com/!ferret!d!b/!ferret!d!b@${version}"
work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cp -r "$src/." "$work/"
chmod -R u+w "$work"
# The module zip lacks the generated version file that the binary insists on at start-up.
echo "$build" >"$work/build/version/version.txt"
for patch_file in "${patches[@]}"; do
  if command -v patch >/dev/null; then
    patch --quiet --forward --strip=1 --directory="$work" <"$patch_file"
  else
    (cd "$work" && git init -q && git apply "$patch_file" && rm -rf .git) # minimal systems may lack patch(1)
  fi
done
mkdir -p "$(dirname "$bin")"
(cd "$work" && GOFLAGS=-mod=mod go build -trimpath -o "$bin.tmp" ./cmd/ferretdb)
mv "$bin.tmp" "$bin"
"$bin" --version >&2
