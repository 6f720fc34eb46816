#!/usr/bin/env bash
# Builds llama.cpp's `llama-server` (MIT) once, from the llama.cpp tree vendored in the PyPI source package
# llama-cpp-python, into a cache shared by every checkout. Prints the binary's path on stdout.
# Why these flags: a -DGGML_NATIVE build on our CI VMs generated ~35x slower than this portable AVX2 one
# (docs/llm.md, "A local model"). Takes ~6 minutes on 2 idle cores; later runs reuse the binary.
set -euo pipefail

version="${LLAMA_CPP_PYTHON_VERSION:-0.3.36}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/focusforge"
dir="$cache/llama-server-$version"
bin="$dir/bin/llama-server"

# Two runs at once (e.g. CI and a bench) must not build twice into the same place.
mkdir -p "$cache"
exec 9>"$cache/.llama-server.lock"
flock 9

if [ -x "$bin" ] && "$bin" --version >/dev/null 2>&1; then
  echo "$bin"
  exit 0
fi
for tool in cmake c++ python3; do
  command -v "$tool" >/dev/null || { echo "install-llama-server: '$tool' is needed to build llama-server" >&2; exit 1; }
done
python3 -m pip --version >/dev/null 2>&1 || { echo "install-llama-server: pip is needed (python3 -m pip)" >&2; exit 1; }
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)

echo "install-llama-server: building llama-server from llama-cpp-python==$version (one time, ~6 min)..." >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The source package, never a prebuilt wheel (only that package: its build tools may come as wheels, which saves
# minutes). LLAMA_SDIST=path/to/llama_cpp_python-VERSION.tar.gz uses a copy already downloaded.
sdist="${LLAMA_SDIST:-}"
if [ -z "$sdist" ]; then
  python3 -m pip download --quiet --no-deps --no-binary llama-cpp-python --no-cache-dir -d "$work" \
    "llama-cpp-python==$version"
  sdist="$work/llama_cpp_python-$version.tar.gz"
fi
tar xzf "$sdist" -C "$work"
cmake -S "$work/llama_cpp_python-$version/vendor/llama.cpp" -B "$work/build" "${generator[@]}" \
  -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF \
  -DLLAMA_BUILD_SERVER=ON -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_APP=OFF \
  -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_OPENSSL=OFF \
  -DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON >"$work/cmake.log" 2>&1 ||
  { tail -n 30 "$work/cmake.log" >&2; exit 1; }
cmake --build "$work/build" --target llama-server -j "${LLAMA_BUILD_JOBS:-2}" >"$work/build.log" 2>&1 ||
  { tail -n 30 "$work/build.log" >&2; exit 1; }
mkdir -p "$dir/bin"
cp "$work/build/bin/llama-server" "$bin.tmp"
mv "$bin.tmp" "$bin"
"$bin" --version >&2 2>&1 || true
echo "$bin"
