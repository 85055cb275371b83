#!/usr/bin/env bash
# On a GPU machine: CUDA vs CPU bit identity (frozen vectors + larger shapes) and fixed-order kernel vs cuBLAS GOP/s.
# Usage: gpu-verifier/tools/gpu-check.sh [matmul size, default 2048]. Exit 0 only if every output is bit-identical.
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
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.cipherocto.gpuverifier.kernel.GpuCheck "$@"
