#!/usr/bin/env bash
# Validated ballots per second through POST /api/v1/governance/votes: starts embedded PostgreSQL + anvil, deploys
# the suite, registers members, creates proposals, starts the app (@QuarkusTest, production settings except the
# per-client and per-voter rate limits), pre-signs ballots and fires them with wrk (a separate process; java.net.http in the same JVM when wrk is missing); prints "BENCH ..." lines.
# Usage: governance/tools/bench.sh [members=640] [measured proposals=100, in 5 rounds] [concurrency=64]
# OCTO_BENCH_PROFILE=<dir>: async-profiler (itimer, per thread) over the measured phase into <dir>/ballots.collapsed.
# Every member votes on 2 warm-up + 4 in-process + 20 wrk warm-up + N measured (HTTP) proposals, in that order. OCTO_BENCH_CLIENT=vertx|java.net.http: an in-JVM client instead of wrk.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/jdk.sh
command -v wrk >/dev/null || { echo "installing wrk (the load generator; Debian package)"; apt-get install -y wrk >/dev/null 2>&1 || echo "wrk not installed: falling back to the in-JVM java.net.http client"; }
profile=()
if [[ -n "${OCTO_BENCH_PROFILE:-}" ]]; then # a directory: async-profiler over the measured phase (collapsed stacks)
  mvn -B -q dependency:get -Dartifact=tools.profiler:async-profiler:4.2 >/dev/null
  jar="$HOME/.m2/repository/tools/profiler/async-profiler/4.2/async-profiler-4.2.jar"
  mkdir -p "$OCTO_BENCH_PROFILE" && (cd "$OCTO_BENCH_PROFILE" && unzip -o -q "$jar" linux-x64/libasyncProfiler.so)
  profile=(-Dmaven.test.additionalClasspath="$jar" -Docto.bench.profile="$OCTO_BENCH_PROFILE"
    -Docto.bench.profile.lib="$OCTO_BENCH_PROFILE/linux-x64/libasyncProfiler.so")
fi
members=${1:-640}; proposals=${2:-100}; concurrency=${3:-64}
# upstream modules into the local repository first: `./octo test` (mvn verify) installs nothing, and a module
# built alone resolves its siblings from there
mvn -B -q install -DskipTests -Dforge.skip -pl governance -am
mvn -B install -Dforge.skip -pl governance -Dtest=BallotThroughputBenchTest -Dsurefire.failIfNoSpecifiedTests=false "${profile[@]}" \
  -Docto.bench=true -Docto.bench.members="$members" -Docto.bench.proposals="$proposals" \
  -Docto.bench.concurrency="$concurrency" -Docto.bench.client="${OCTO_BENCH_CLIENT:-auto}" | grep -E "BENCH|setup:|signed|Tests run|BUILD|ERROR"
