#!/usr/bin/env bash
# Settlement benchmarks: receipts per second through POST /api/v1/receipts (batches of 1,000 and 10,000) and the
# settlement of one 100,000-receipt epoch. Starts anvil and embedded PostgreSQL itself. Results: stdout lines
# "[bench] ..." and settlement/target/bench/settlement.txt. Usage (from the repository root): settlement/tools/bench.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/jdk.sh
mvn -B -o -q test -Dforge.skip -pl settlement -Dtest=SettlementBench -Dsurefire.failIfNoSpecifiedTests=false "$@"
cat settlement/target/bench/settlement.txt
