#!/usr/bin/env bash
# JMH: StandardMerkleTree with 1,000,000 (address, uint256) leaves (issue #4): build (single shot, ms) and one proof
# (us), then the heap probe (plain timing, heap used by the inputs, peak heap during the build, heap retained).
# Usage: contracts/tools/bench-merkle.sh [extra JMH args]   (MERKLE_HEAP=-Xmx... for the probe, default -Xmx600m;
#        MERKLE_VECTOR=false for the scalar Keccak path)
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/jdk.sh
mvn -B -q install -Dforge.skip -pl contracts -am -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$PWD/contracts/target/test-classpath.txt" -Dmdep.includeScope=test -pl contracts
CP="contracts/target/test-classes:contracts/target/classes:$(cat contracts/target/test-classpath.txt)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
# MERKLE_VECTOR=false: the scalar Keccak path (no jdk.incubator.vector in the measured JVM)
if [ "${MERKLE_VECTOR:-true}" = true ]; then VEC="--add-modules jdk.incubator.vector"; else VEC=""; fi
java -cp "$CP" org.openjdk.jmh.Main 'MerkleTreeBenchmark.build$' -f 1 -wi 5 -i 10 -jvmArgs "-Xmx2g $VEC" "$@"
java -cp "$CP" org.openjdk.jmh.Main 'MerkleTreeBenchmark.proof' -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1 -jvmArgs "-Xmx2g $VEC" "$@"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java "${MERKLE_HEAP:--Xmx600m}" $VEC -cp "$CP" io.cipherocto.contracts.merkle.bench.MerkleHeapProbe 1000000 5
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
