#!/usr/bin/env bash
# Maven's generate-sources step for the contracts: install the pinned npm toolchain when missing or stale
# (npm ci from package-lock.json: solcjs, OpenZeppelin, forge, anvil), then compile with solcjs.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[contracts] installing the Solidity toolchain (npm ci)"
  # Some registries (this workplace's mirror among them) lack the other platforms' optional forge/anvil binary
  # packages, which makes `npm ci` refuse the lock file. `npm install --no-save` then installs the same locked
  # versions without touching package-lock.json.
  if ! npm ci --no-audit --no-fund --loglevel=error >/tmp/octo-npm-ci.$$.log 2>&1; then
    echo "[contracts] npm ci refused the lock file ($(grep -m1 -o 'Missing: [^ ]*' /tmp/octo-npm-ci.$$.log || echo 'see npm output')); npm install --no-save of the same locked versions"
    npm install --no-save --no-audit --no-fund --loglevel=error
  fi
  rm -f /tmp/octo-npm-ci.$$.log
  [ -x node_modules/.bin/forge ] && [ -x node_modules/.bin/anvil ] || { echo "[contracts] forge/anvil missing after install" >&2; exit 1; }
fi
exec node tools/compile.mjs
