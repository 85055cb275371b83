#!/usr/bin/env bash
# Issue #17 "Reads at scale", governance side: the latency of the proposal list (first page, deep keyset pages, state
# filters; cold = every snapshot's quorum not cached yet, warm = after), GET /proposals/{id} and GET /members/{address}
# with 10,000 proposals and 50,000 votes stored in the chain-indexer's tables (ProposalReadBench; rows written with SQL).
# Starts embedded PostgreSQL + anvil itself. Results: "[bench] ..." lines and governance/target/bench/proposal-reads.txt.
# Usage (from the repository root): governance/tools/read-bench.sh [-Docto.bench.proposals=10000]
#   [-Docto.bench.active=100] [-Docto.bench.votes=50000] [-Docto.bench.voters=1000] [-Docto.bench.reads=2000]
#   [-Docto.bench.warmup=100] [-Docto.bench.endpoint-seconds=60]
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/jdk.sh
# upstream modules into the local repository first (a module built alone resolves its siblings from there)
mvn -B -q install -DskipTests -Dforge.skip -pl governance -am
mvn -B -q test -Dforge.skip -pl governance -Dtest=ProposalReadBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Docto.bench=true "$@"
cat governance/target/bench/proposal-reads.txt
