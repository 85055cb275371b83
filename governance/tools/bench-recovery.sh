#!/usr/bin/env bash
# JMH: signature recovery, pure Java vs libsecp256k1. Usage: governance/tools/bench-recovery.sh [extra JMH args]
# Builds the governance test classes (offline) and runs SignatureRecoveryBenchmark in one fork.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/jdk.sh
mvn -B -q install -Dforge.skip -pl governance -am -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$PWD/governance/target/test-classpath.txt" -Dmdep.includeScope=test -pl governance
exec java -cp "governance/target/test-classes:governance/target/classes:$(cat governance/target/test-classpath.txt)" \
  org.openjdk.jmh.Main SignatureRecoveryBenchmark -f 1 -wi 3 -w 2s -i 5 -r 3s -t 1 "$@"
