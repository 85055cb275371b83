#!/usr/bin/env bash
# Generates the genesis and the validator keys of the 4-validator Besu QBFT test network used by docker/compose.yaml.
# Output: docker/besu/network/ (git-ignored). TEST KEYS ONLY: never use them, or this genesis, on a real network.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NETWORK="$HERE/network"

BESU_IMAGE="${BESU_IMAGE:-hyperledger/besu:25.11.0}"
CHAIN_ID="${CHAIN_ID:-2026}"
BLOCK_PERIOD="${BLOCK_PERIOD:-2}"
REQUEST_TIMEOUT="${REQUEST_TIMEOUT:-4}"
# Must match the validators' ipv4_address in compose.yaml (same variable, same default).
BESU_NET_PREFIX="${BESU_NET_PREFIX:-172.28.53}"
VALIDATORS=4

# The deployer: anvil's well-known account 0 (key 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80).
# All ten anvil dev accounts are funded so the same test tooling works on anvil and on this network.
FUNDED_ACCOUNTS=(
  f39fd6e51aad88f6f4ce6ab8827279cfffb92266
  70997970c51812dc3a010c7d01b50e0d17dc79c8
  3c44cdddb6a900fa2b585dd299e03d12fa4293bc
  90f79bf6eb2c4f870365e785982e1f101e93b906
  15d34aaf54267db7d7c367839aaf71a00a2c6a65
  9965507d1a55bcc2695c58ba16fb37d819b0a4dc
  976ea74026e726554db657fa54763abd0c3a0aa9
  14dc79964da2c08b23698b3d3cc7ca32193d9955
  23618e81e3f5cdf7f54c3d65f7fbc0abf5b21e8f
  a0ee7a142d267c1f36714e4a8f75612f20a79720
)
# 1,000,000 ETH each (wei, hex): gas is free on this network, the balance only has to be non-zero.
BALANCE="0xd3c21bcecceda1000000"

usage() {
  cat <<EOF
Usage: docker/besu/generate-network.sh [--force] [--print-config] [-h|--help]

Generates a 4-validator Besu QBFT network into docker/besu/network/:
  genesis.json                      QBFT genesis (chain id $CHAIN_ID, ${BLOCK_PERIOD}s blocks, Cancun EVM, free gas,
                                    anvil's ten dev accounts funded; deployer = account 0)
  validator{1..4}/key, key.pub      validator node keys (TEST KEYS), address = validator address
  besu.env                          BESU_BOOTNODES (enode URLs at ${BESU_NET_PREFIX}.11-14) for compose.yaml

Runs 'besu operator generate-blockchain-config' in the $BESU_IMAGE container, so it needs Docker.
Does nothing when the network already exists (idempotent).

Options:
  --force          delete docker/besu/network/ and generate a new network. The chain data lives in the compose
                   volumes: reset them too (docker compose -f docker/compose.yaml down -v), or the validators
                   refuse to start on the new genesis.
  --print-config   print the generate-blockchain-config input and exit (needs no Docker)
  -h, --help       this help

Environment: BESU_IMAGE ($BESU_IMAGE), CHAIN_ID ($CHAIN_ID), BLOCK_PERIOD ($BLOCK_PERIOD),
             REQUEST_TIMEOUT ($REQUEST_TIMEOUT), BESU_NET_PREFIX ($BESU_NET_PREFIX; keep it equal to compose's).
EOF
}

log() { printf '[generate-network] %s\n' "$*"; }
die() { printf '[generate-network] ERROR: %s\n' "$1" >&2; exit "${2:-1}"; }

# The input of 'besu operator generate-blockchain-config': the genesis without extraData (Besu writes it from
# the generated validator keys) and how many node keys to generate.
print_config() {
  local alloc="" sep="" a
  for a in "${FUNDED_ACCOUNTS[@]}"; do
    alloc+="${sep}
      \"${a}\": { \"balance\": \"${BALANCE}\" }"
    sep=","
  done
  cat <<EOF
{
  "genesis": {
    "config": {
      "chainId": ${CHAIN_ID},
      "homesteadBlock": 0,
      "eip150Block": 0,
      "eip155Block": 0,
      "eip158Block": 0,
      "byzantiumBlock": 0,
      "constantinopleBlock": 0,
      "petersburgBlock": 0,
      "istanbulBlock": 0,
      "berlinBlock": 0,
      "londonBlock": 0,
      "shanghaiTime": 0,
      "cancunTime": 0,
      "zeroBaseFee": true,
      "qbft": {
        "blockperiodseconds": ${BLOCK_PERIOD},
        "epochlength": 30000,
        "requesttimeoutseconds": ${REQUEST_TIMEOUT}
      }
    },
    "nonce": "0x0",
    "timestamp": "0x58ee40ba",
    "gasLimit": "0x3938700",
    "baseFeePerGas": "0x0",
    "blobGasUsed": "0x0",
    "excessBlobGas": "0x0",
    "parentBeaconBlockRoot": "0x0000000000000000000000000000000000000000000000000000000000000000",
    "difficulty": "0x1",
    "mixHash": "0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365",
    "coinbase": "0x0000000000000000000000000000000000000000",
    "alloc": {${alloc}
    }
  },
  "blockchain": {
    "nodes": {
      "generate": true,
      "count": ${VALIDATORS}
    }
  }
}
EOF
}

network_complete() {
  local i
  [ -s "$NETWORK/genesis.json" ] && [ -s "$NETWORK/besu.env" ] || return 1
  for ((i = 1; i <= VALIDATORS; i++)); do
    [ -s "$NETWORK/validator$i/key" ] && [ -s "$NETWORK/validator$i/key.pub" ] || return 1
  done
}

FORCE=0
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --force) FORCE=1 ;;
    --print-config) print_config; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" 2 ;;
  esac
  shift
done

[[ "$CHAIN_ID" =~ ^[0-9]+$ ]] || die "CHAIN_ID must be a number (got '$CHAIN_ID')" 2
if ! [[ "$BLOCK_PERIOD" =~ ^[1-9][0-9]*$ ]]; then
  die "BLOCK_PERIOD must be a number >= 1 (got '$BLOCK_PERIOD')" 2
fi
if ! [[ "$REQUEST_TIMEOUT" =~ ^[0-9]+$ ]] || [ "$REQUEST_TIMEOUT" -le "$BLOCK_PERIOD" ]; then
  die "REQUEST_TIMEOUT must be a number greater than BLOCK_PERIOD (got '$REQUEST_TIMEOUT')" 2
fi

if network_complete && [ "$FORCE" -eq 0 ]; then
  log "network already generated in $NETWORK (use --force to replace it)"
  exit 0
fi
if [ -e "$NETWORK" ] && [ "$FORCE" -eq 0 ]; then
  die "$NETWORK exists but is incomplete; re-run with --force to regenerate it"
fi

command -v docker >/dev/null 2>&1 || die "the docker CLI is not installed (https://docs.docker.com/engine/install/)" 2
docker info >/dev/null 2>&1 || die "no Docker daemon answers ('docker info' failed): start Docker and retry" 2

# Work next to the output (not in /tmp: Docker Desktop shares the project directory, not always /tmp).
WORK="$(mktemp -d "$HERE/.generate.XXXXXX")"
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT

print_config >"$WORK/qbftConfigFile.json"
log "generating a ${VALIDATORS}-validator QBFT network (chain id $CHAIN_ID) with $BESU_IMAGE"
# Run as the calling user so the files belong to them (rootless Docker: container root is the calling user).
# The Besu image's entrypoint is the besu binary.
RUN_AS="$(id -u):$(id -g)"
if docker info --format '{{json .SecurityOptions}}' 2>/dev/null | grep -q rootless; then
  RUN_AS="0:0"
fi
if ! docker run --rm --user "$RUN_AS" -v "$WORK:/work" "$BESU_IMAGE" \
    operator generate-blockchain-config \
    --config-file=/work/qbftConfigFile.json --to=/work/out --private-key-file-name=key >"$WORK/besu.log" 2>&1; then
  cat "$WORK/besu.log" >&2
  die "besu operator generate-blockchain-config failed (output above)"
fi
[ -s "$WORK/out/genesis.json" ] || { cat "$WORK/besu.log" >&2; die "Besu wrote no genesis.json"; }
grep -q '"extraData"' "$WORK/out/genesis.json" || die "the generated genesis.json has no extraData (validators)"

# keys/0x<address>/{key,key.pub} -> validator1..4, in address order so the numbering is stable.
KEY_DIRS=()
while IFS= read -r dir; do
  KEY_DIRS+=("$dir")
done < <(find "$WORK/out/keys" -mindepth 1 -maxdepth 1 -type d -name '0x*' | sort)
[ "${#KEY_DIRS[@]}" -eq "$VALIDATORS" ] || die "expected $VALIDATORS key directories, Besu generated ${#KEY_DIRS[@]}"

STAGE="$WORK/network"
mkdir -p "$STAGE"
cp "$WORK/out/genesis.json" "$STAGE/genesis.json"
BOOTNODES=""
for ((i = 1; i <= VALIDATORS; i++)); do
  src="${KEY_DIRS[$((i - 1))]}"
  dst="$STAGE/validator$i"
  mkdir -p "$dst"
  cp "$src/key" "$src/key.pub" "$dst/"
  basename "$src" >"$dst/address"
  pub="$(tr -d '[:space:]' <"$dst/key.pub")"
  pub="${pub#0x}"
  [[ "$pub" =~ ^[0-9a-fA-F]{128}$ ]] || die "unexpected public key format in $src/key.pub"
  BOOTNODES+="${BOOTNODES:+,}enode://${pub}@${BESU_NET_PREFIX}.1${i}:30303"
done
cat >"$STAGE/besu.env" <<EOF
# Written by docker/besu/generate-network.sh for the Besu validators in docker/compose.yaml.
BESU_BOOTNODES=${BOOTNODES}
EOF
cat >"$STAGE/README.txt" <<EOF
Generated by docker/besu/generate-network.sh with $BESU_IMAGE (chain id $CHAIN_ID, ${BLOCK_PERIOD}s blocks).
TEST KEYS ONLY. Anyone can read them here; never reuse them, or this genesis, on a network that matters.
EOF
# The containers run Besu as root (see compose.yaml); readable keys also keep other container users working.
chmod -R a+rX "$STAGE"

if command -v python3 >/dev/null 2>&1; then
  python3 -c 'import json,sys; g=json.load(open(sys.argv[1])); assert g["config"]["chainId"]==int(sys.argv[2])' \
    "$STAGE/genesis.json" "$CHAIN_ID" || die "the generated genesis.json does not parse as expected"
fi

rm -rf "$NETWORK"
mv "$STAGE" "$NETWORK"
log "wrote $NETWORK"
for ((i = 1; i <= VALIDATORS; i++)); do
  log "  validator$i  $(cat "$NETWORK/validator$i/address")  p2p ${BESU_NET_PREFIX}.1${i}:30303"
done
log "deployer (anvil account 0): 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
log "next: docker compose -f docker/compose.yaml up -d   (or docker/smoke.sh)"
