#!/usr/bin/env bash
# Settlement benchmarks: receipts per second through POST /api/v1/receipts (batches of 1,000 and 10,000) and the
# settlement of one epoch stored directly (default 100,000 receipts from 1,000 providers: its commitment, then its
# close, each timed with its heap high-water mark). Starts anvil and embedded
# PostgreSQL itself. Results: stdout lines "[bench] ..." and settlement/target/bench/settlement.txt.
# Usage (from the repository root): settlement/tools/bench.sh [-Dbench.epochOnly] [-Dbench.receiptsOnly]
#   [-Dbench.epochReceipts=1000000 -Dbench.epochProviders=100000] [-Dbench.warmupReceipts=100000: settle an earlier
#   epoch of that size first, as a running service has]
#   [-Dbench.providerReads=2000 -Dbench.readReceipts=10000000 -Dbench.readEpochs=10 -Dbench.readProviders=1000: only
#   the read bench instead: fill settlement.receipts with SQL, then time GET /api/v1/epochs/{n}/receipts?provider=
#   (first page, limit 100) for random epochs and providers; prints p50/p95/p99/max and the table's size per million;
#   -Dbench.readExtraEpochs=90: that many more small partitions, so the planner prunes among as many as 100M receipts
#   make; -Dbench.readCold=true: empty PostgreSQL's shared buffers and the OS page cache before the measured GETs (root)]
#   [-Dbench.jobReads=500 -Dbench.jobReceipts=10000000: only the jobs bench instead: one epoch filled with SQL and
#   committed, then GET /api/v1/epochs/{n}/jobs (every receipt with its proof): first page (builds the tree), heap, pages]
#   [-Dbench.single: 8 batches of 10,000 single-signed receipts from 2 clients at once (java.net.http)]
#   [-Dbench.envelopes | -Dbench.envelopesOnly: batch-signed envelopes, 12 requests of 4 x 8,000 receipts from 2
#   clients; -Dbench.envelopeReceipts, -Dbench.envelopesPerRequest, -Dbench.envelopeRequests, -Dbench.envelopeClients]
#   [-Docto.db.fsync=true: PostgreSQL with fsync, receipts durable before the answer (the issue #15 condition)]
# The JVM gets jdk.incubator.vector (as ./octo and the Docker image), so large Merkle trees take the lane path.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/jdk.sh
# upstream modules into the local repository first: `./octo test` (mvn verify) installs nothing, and a module
# built alone resolves its siblings from there
mvn -B -q install -DskipTests -Dforge.skip -pl settlement -am
mvn -B -q test -Dforge.skip -pl settlement -Dtest=SettlementBench -Dsurefire.failIfNoSpecifiedTests=false \
    -DargLine="--add-modules jdk.incubator.vector" "$@"
cat settlement/target/bench/settlement.txt
