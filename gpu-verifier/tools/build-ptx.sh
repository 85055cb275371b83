#!/usr/bin/env bash
# Regenerates gpu-verifier/src/main/resources/cuda/<name>.ptx from gpu-verifier/src/main/cuda/<name>.cu.
# Each PTX starts with a header recording the SHA-256 of its source, the nvcc version and flags; PtxInSyncTest fails
# when a .cu changes without its PTX being regenerated (and, where the same nvcc is installed, when the PTX body differs).
# Usage: gpu-verifier/tools/build-ptx.sh            (NVCC=/path/to/nvcc to choose the compiler)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
NVCC="${NVCC:-nvcc}"
FLAGS="-ptx -arch=compute_90 -O3 --fmad=false -ftz=false -prec-div=true -prec-sqrt=true"
version="$("$NVCC" --version | sed -n 's/.*\(V[0-9][0-9.]*\).*/\1/p' | tail -1)"
mkdir -p "$here/src/main/resources/cuda"
for cu in "$here"/src/main/cuda/*.cu; do
  name="$(basename "$cu" .cu)"
  out="$here/src/main/resources/cuda/$name.ptx"
  tmp="$(mktemp)"
  # shellcheck disable=SC2086
  "$NVCC" $FLAGS -o "$tmp" "$cu"
  {
    echo "// cipherocto-source: $name.cu sha256=$(sha256sum "$cu" | cut -d' ' -f1)"
    echo "// cipherocto-nvcc: $version $FLAGS"
    cat "$tmp"
  } > "$out"
  rm -f "$tmp"
  echo "wrote $out"
done
