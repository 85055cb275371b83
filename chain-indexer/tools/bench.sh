#!/usr/bin/env bash
# The chain-indexer benchmark: generates 200,000 Transfer events on anvil (sparse: 10 per block over 20,000
# blocks; dense: 500 per block over 400 blocks) and indexes them cold into an empty embedded PostgreSQL, in a
# separate JVM whose peak RSS is reported.
# Usage: chain-indexer/tools/bench.sh [sparse|dense|both] [events] [-Dbench.runs=N] [-Dbench.child.jvm="..."]
#   bench.runs: index the same generated chain N times, each from an empty database in a fresh JVM (default 1)
#   bench.child.jvm: the indexer JVM's options (default "-Xmx256m -XX:+UseSerialGC")
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
# shellcheck source=/dev/null
source tools/jdk.sh
mvn -B -q install -DskipTests -Dforge.skip -pl chain-indexer -am
mvn -B -q test-compile -pl chain-indexer
cp_file="$(mktemp)"
mvn -B -q dependency:build-classpath -pl chain-indexer -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
cp="chain-indexer/target/test-classes:chain-indexer/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
layout="${1:-both}"
events="${2:-200000}"
shift $(( $# > 2 ? 2 : $# ))
exec java -Docto.home="$root" "$@" -cp "$cp" io.cipherocto.indexer.bench.IndexerBench "$layout" "$events"
