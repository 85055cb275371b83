#!/usr/bin/env bash
# Smoke test of the Docker test network: 4 Besu QBFT validators + PostgreSQL 17 + contract deployment + the octo node.
# Brings the stack up, checks that blocks are produced, deploys, waits for the node to be ready, watches the chain
# pass the first epoch close and prints a PASS/FAIL summary. Stops and removes the stack on exit unless KEEP=1.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
COMPOSE_FILE="$HERE/compose.yaml"

KEEP="${KEEP:-0}"
RPC_URL="http://127.0.0.1:${BESU_RPC_PORT:-8545}"
NODE_URL="http://127.0.0.1:${OCTO_HTTP_PORT:-8080}"
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-180}"   # seconds, for blocks, deployment and readiness each
BLOCK_PERIOD="${BLOCK_PERIOD:-2}"           # as in besu/generate-network.sh; only sizes the epoch wait

usage() {
  cat <<EOF
Usage: docker/smoke.sh [-h|--help]

Needs Docker (with the compose plugin), curl, and the built node: mvn -B -DskipTests package (or ./octo --help).
Steps: generate the Besu network if missing (docker/besu/generate-network.sh), start 4 validators and PostgreSQL,
wait for blocks and 4 validators, deploy the suite (docker/deploy.json: 20-block epochs), start the node, wait for
$NODE_URL/q/health/ready, wait until the chain is past the first epoch close from the manifest, check that the
node is still ready (and GET /api/v1/epochs when the node serves it). Exit 0 only when every check passes.

Environment:
  KEEP=1               leave the stack running (stop it with: docker compose -f docker/compose.yaml down -v)
  STARTUP_TIMEOUT=180  seconds to wait for blocks, the deployment and readiness (each)
  BESU_RPC_PORT, OCTO_HTTP_PORT, POSTGRES_PORT   host ports (defaults 8545, 8080, 5433), as in compose.yaml
Exit status: 0 all checks passed, 1 a check failed, 2 a prerequisite is missing (no Docker daemon, no build).
EOF
}

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") ;;
  *) usage >&2; exit 2 ;;
esac

log() { printf '[smoke] %s\n' "$*"; }
die() { printf '[smoke] ERROR: %s\n' "$1" >&2; exit "${2:-1}"; }
compose() { docker compose -f "$COMPOSE_FILE" "$@"; }

# ---- prerequisites -------------------------------------------------------------------------------------------
command -v docker >/dev/null 2>&1 || die "the docker CLI is not installed (https://docs.docker.com/engine/install/)" 2
if ! docker info >/dev/null 2>&1; then
  die "no Docker daemon answers ('docker info' failed). Start Docker (or run this on a machine that has it)." 2
fi
docker compose version >/dev/null 2>&1 || die "'docker compose' (the compose v2 plugin) is not installed" 2
command -v curl >/dev/null 2>&1 || die "curl is not installed" 2
[ -f "$ROOT/node/target/quarkus-app/quarkus-run.jar" ] \
  || die "node/target/quarkus-app/ is not built: run 'mvn -B -DskipTests package' (or ./octo --help) first" 2

# ---- checks bookkeeping --------------------------------------------------------------------------------------
CHECKS=()
FAILED=0
pass() { CHECKS+=("PASS  $1"); log "PASS  $1"; }
fail() { CHECKS+=("FAIL  $1"); log "FAIL  $1"; FAILED=1; }
skip() { CHECKS+=("SKIP  $1"); log "SKIP  $1"; }

summary() {
  local status=$? c
  if [ "$FAILED" -ne 0 ] || [ "$status" -ne 0 ]; then
    log "logs of the stack (last 40 lines per service):"
    compose logs --no-color --tail=40 2>&1 | sed 's/^/    /' || true
  fi
  printf '\n[smoke] ---------------- summary ----------------\n'
  for c in "${CHECKS[@]}"; do printf '[smoke]   %s\n' "$c"; done
  if [ "$FAILED" -eq 0 ] && [ "$status" -eq 0 ]; then
    printf '[smoke] RESULT: PASS\n'
  else
    printf '[smoke] RESULT: FAIL\n'
    [ "$status" -ne 0 ] || status=1
  fi
  if [ "$KEEP" = "1" ]; then
    log "KEEP=1: the stack keeps running. RPC $RPC_URL, node $NODE_URL"
    log "stop it with: docker compose -f docker/compose.yaml down -v"
  else
    log "stopping the stack (docker compose down -v; KEEP=1 leaves it running)"
    compose down -v --remove-orphans >/dev/null 2>&1 || true
  fi
  exit "$status"
}
trap summary EXIT

# Fails the smoke run at the first failed prerequisite step: later checks would only repeat the same failure.
must() { fail "$1"; exit 1; }

rpc() {
  curl -sf --max-time 5 -X POST -H 'Content-Type: application/json' \
    --data "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$1\",\"params\":${2:-[]}}" "$RPC_URL"
}
block_number() {
  local r hex
  r="$(rpc eth_blockNumber)" || return 1
  hex="$(sed -n 's/.*"result" *: *"0x\([0-9a-fA-F]*\)".*/\1/p' <<<"$r")"
  [ -n "$hex" ] || return 1
  echo $((16#$hex))
}
http_status() { curl -s -o /dev/null --max-time 5 -w '%{http_code}' "$1" || true; }
# wait_for SECONDS COMMAND...: retries every 2 s until the command succeeds.
wait_for() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 2
  done
}
blocks_at_least() { local n; n="$(block_number)" && [ "$n" -ge "$1" ]; }
node_ready() { [ "$(http_status "$NODE_URL/q/health/ready")" = "200" ]; }

# ---- 1. network and chain --------------------------------------------------------------------------------------
"$HERE/besu/generate-network.sh" || must "generate the Besu network (docker/besu/generate-network.sh)"

log "starting 4 Besu validators and PostgreSQL"
compose up -d validator1 validator2 validator3 validator4 postgres || must "start validators and PostgreSQL"

if wait_for "$STARTUP_TIMEOUT" blocks_at_least 3; then
  pass "QBFT network produces blocks (block $(block_number))"
else
  must "QBFT network produces blocks within ${STARTUP_TIMEOUT}s (needs >= 3 of 4 validators peered)"
fi
validators="$({ rpc qbft_getValidatorsByBlockNumber '["latest"]' || true; } | grep -o '0x[0-9a-fA-F]\{40\}' | sort -u | wc -l | tr -d ' ')"
if [ "$validators" = "4" ]; then pass "4 QBFT validators"; else fail "4 QBFT validators (got ${validators:-none})"; fi
chain_hex="$({ rpc eth_chainId || true; } | sed -n 's/.*"result" *: *"0x\([0-9a-fA-F]*\)".*/\1/p')"
log "chain id $((16#${chain_hex:-0}))"

# ---- 2. deployment ---------------------------------------------------------------------------------------------
log "building the node image and deploying the suite through validator1"
compose build deploy node || must "build the node image (docker/node.Dockerfile)"
if compose run --rm -T deploy; then
  pass "octo deploy on the Besu network"
else
  must "octo deploy on the Besu network"
fi
MANIFEST="$(compose run --rm -T --no-deps --entrypoint cat deploy /manifest/deployment.json)" || must "read the manifest"
json_number() { sed -n "s/.*\"$1\" *: *\([0-9][0-9]*\).*/\1/p" <<<"$MANIFEST" | head -n 1; }
EPOCH_GENESIS="$(json_number epochGenesisBlock)"
EPOCH_LENGTH="$(json_number epochLength)"
if grep -q '"complete" *: *true' <<<"$MANIFEST" && [ -n "$EPOCH_GENESIS" ] && [ -n "$EPOCH_LENGTH" ]; then
  pass "manifest complete (epochGenesisBlock $EPOCH_GENESIS, epochLength $EPOCH_LENGTH)"
else
  must "manifest complete with epochGenesisBlock/epochLength"
fi

# ---- 3. the node -----------------------------------------------------------------------------------------------
log "starting the octo node"
compose up -d node || must "start the node"
if wait_for "$STARTUP_TIMEOUT" node_ready; then
  pass "node ready ($NODE_URL/q/health/ready)"
else
  must "node ready within ${STARTUP_TIMEOUT}s ($NODE_URL/q/health/ready answered $(http_status "$NODE_URL/q/health/ready"))"
fi

# ---- 4. one epoch ----------------------------------------------------------------------------------------------
# Epoch 0 covers blocks [genesis, genesis + length); its closing block is genesis + length - 1. Wait one block past.
PAST_CLOSE=$((EPOCH_GENESIS + EPOCH_LENGTH))
EPOCH_TIMEOUT=$((EPOCH_LENGTH * BLOCK_PERIOD * 3 + 60))
log "waiting for block $PAST_CLOSE (past the close of epoch 0; now at $(block_number || echo '?'))"
if wait_for "$EPOCH_TIMEOUT" blocks_at_least "$PAST_CLOSE"; then
  pass "chain past the first epoch close (block $(block_number) >= $PAST_CLOSE)"
else
  fail "chain past the first epoch close within ${EPOCH_TIMEOUT}s (at block $(block_number || echo '?'))"
fi
ready_body="$(curl -s --max-time 5 "$NODE_URL/q/health/ready" || true)"
if node_ready && grep -q '"UP"' <<<"$ready_body"; then
  pass "node still ready after the epoch close"
else
  fail "node still ready after the epoch close (body: ${ready_body:-none})"
fi
epochs_status="$(http_status "$NODE_URL/api/v1/epochs")"
case "$epochs_status" in
  200)
    if curl -s --max-time 5 "$NODE_URL/api/v1/epochs" | grep -q '[0-9]'; then
      pass "GET /api/v1/epochs answers with epochs"
    else
      fail "GET /api/v1/epochs answers with epochs (empty answer)"
    fi
    ;;
  404) skip "GET /api/v1/epochs (not served by this node version)" ;;
  *) fail "GET /api/v1/epochs (HTTP $epochs_status)" ;;
esac
[ "$FAILED" -eq 0 ]
