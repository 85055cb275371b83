#!/usr/bin/env bash
# Issue #17 "Reads at scale", settlement side: the latency of each read endpoint with 1,000,000 receipts from 100,000
# providers stored (ReadApiBench). Seeds with SQL and the real epoch settlement (not measured), then times each
# endpoint over HTTP, one request at a time; prints p50/p95/p99/max and the heap after GC before and after the reads.
# Starts anvil and embedded PostgreSQL itself. Results: stdout lines "[bench] ..." and
# settlement/target/bench/read-api.txt.
# Usage (from the repository root): settlement/tools/read-bench.sh [-Dbench.receipts=1000000]
#   [-Dbench.providers=100000] [-Dbench.historyEpochs=59: older epochs rows, copies of the settled one, tree included]
#   [-Dbench.rewardEpochs=9: of those, how many also get the rewards and samples rows] [-Dbench.reads=2000]
#   [-Dbench.warmup=100] [-Dbench.endpointSeconds=60: stop an endpoint's run after that long]
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/jdk.sh
# upstream modules into the local repository first (a module built alone resolves its siblings from there)
mvn -B -q install -DskipTests -Dforge.skip -pl settlement -am
mvn -B -q test -Dforge.skip -pl settlement -Dtest=ReadApiBench -Dsurefire.failIfNoSpecifiedTests=false \
    -DargLine="--add-modules jdk.incubator.vector" "$@"
cat settlement/target/bench/read-api.txt
