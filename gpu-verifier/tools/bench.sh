#!/usr/bin/env bash
# Runs the gpu-verifier JMH benchmark (GOP/s per kernel). Extra arguments go to JMH, e.g.
#   gpu-verifier/tools/bench.sh                                  # CPU, short run
#   gpu-verifier/tools/bench.sh -p backend=cuda -p matmulSize=1024  # on a GPU machine
# The "gop" secondary metric, in ops/s, is GOP/s (1 multiply-accumulate = 2 operations).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
# shellcheck disable=SC1091
source tools/jdk.sh
# upstream modules into the local repository first: `./octo test` (mvn verify) installs nothing, and a module
# built alone resolves its siblings from there
mvn -B -q install -DskipTests -Dforge.skip -pl gpu-verifier -am
mvn -B -q test-compile -Dforge.skip -pl gpu-verifier
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt -pl gpu-verifier
cd gpu-verifier
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
# JMH_OPTS replaces the short default run (1 fork, 2 x 2 s warm-up, 3 x 2 s measurement, 1 thread).
# shellcheck disable=SC2086
exec java -cp "$cp" org.openjdk.jmh.Main 'io.cipherocto.gpuverifier.bench.KernelBenchmark' \
  ${JMH_OPTS:--f 1 -wi 2 -w 2s -i 3 -r 2s -t 1} "$@"
