#!/usr/bin/env bash
# Validated ballots per second through POST /api/v1/governance/votes: starts embedded PostgreSQL + anvil, deploys
# the suite, registers members, creates proposals, starts the app (@QuarkusTest, production settings except the
# per-client and per-voter rate limits), pre-signs ballots and fires them concurrently with java.net.http; prints "BENCH ..." lines.
# Usage: governance/tools/bench.sh [members=600] [measured proposals=10] [concurrency=128]
# Every member votes on 2 warm-up + N measured (HTTP) + 4 in-process proposals. OCTO_BENCH_CLIENT=vertx: Vert.x client.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/jdk.sh
members=${1:-600}; proposals=${2:-10}; concurrency=${3:-128}
mvn -B -o install -Dforge.skip -pl governance -Dtest=BallotThroughputBenchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Docto.bench=true -Docto.bench.members="$members" -Docto.bench.proposals="$proposals" \
  -Docto.bench.concurrency="$concurrency" -Docto.bench.client="${OCTO_BENCH_CLIENT:-java.net.http}" | grep -E "BENCH|setup:|signed|Tests run|BUILD|ERROR"
