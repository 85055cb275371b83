#!/usr/bin/env bash
# Maven's generate-resources step for the console: install the pinned npm packages when missing or stale (npm ci
# from package-lock.json, system Node.js), take the contracts' ABIs from contracts/target/solidity, then build the
# static site with Vite into $1 (the jar's META-INF/resources). Nothing is fetched at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-dist}"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[console] installing the pinned front-end packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
node tools/abis.mjs ../contracts/target/solidity src/generated/abis.js
echo "[console] vite build -> $OUT"
exec node_modules/.bin/vite build --logLevel warn --emptyOutDir --outDir "$OUT"
