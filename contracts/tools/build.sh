#!/usr/bin/env bash
# Maven's generate-sources step for the contracts: install the pinned npm toolchain when missing or stale
# (npm ci from package-lock.json: solcjs, OpenZeppelin, forge, anvil), then compile with solcjs.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[contracts] installing the Solidity toolchain (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
exec node tools/compile.mjs
