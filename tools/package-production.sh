#!/usr/bin/env bash
# Builds the production node into node/target/production/quarkus-app (Maven profile -Pproduction of node/pom.xml) and
# checks that it ships no development code: no devkit (embedded PostgreSQL binaries, test databases), no start-dev,
# no simulation (node's sim package, verifier's ProviderSimulator from verifier/src/dev/java). The development build
# (node/target/quarkus-app, what ./octo runs) is left as it is.
#   tools/package-production.sh            build and check (run from a clean clone: CI does, after the tests)
#   MVN_FLAGS=-o tools/package-production.sh   offline, when ~/.m2 already holds every dependency
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=tools/jdk.sh
source "$ROOT/tools/jdk.sh"
cd "$ROOT"
echo "[production] building the production node (mvn -Pproduction -pl node -am package, tests not built)"
mvn -B -q ${MVN_FLAGS:-} -Pproduction -pl node -am package -Dmaven.test.skip=true -Dforge.skip=true
APP="$ROOT/node/target/production/quarkus-app"
[ -f "$APP/quarkus-run.jar" ] || { echo "[production] no $APP/quarkus-run.jar" >&2; exit 1; }
bad=$(ls "$APP/lib/main" | grep -E 'octo-devkit|embedded-postgres|testcontainers|junit' || true)
if [ -n "$bad" ]; then
  echo "[production] development jars in the production node:" >&2
  echo "$bad" >&2
  exit 1
fi
devclasses=$(for j in "$APP"/app/*.jar "$APP"/lib/main/io.cipherocto.*.jar; do unzip -Z1 "$j"; done \
  | grep -E 'io/cipherocto/node/sim/|io/cipherocto/verifier/sim/|StartDevCommand' || true)
if [ -n "$devclasses" ]; then
  echo "[production] development classes in the production node:" >&2
  echo "$devclasses" >&2
  exit 1
fi
set +e
out=$("$JAVA_HOME/bin/java" -jar "$APP/quarkus-run.jar" start-dev 2>&1)
rc=$?
set -e
if [ "$rc" -ne 2 ] || ! grep -q "production build" <<<"$out"; then
  echo "[production] start-dev should refuse in a production build (exit 2), got exit $rc: $out" >&2
  exit 1
fi
echo "[production] ok: $APP ($(du -sh "$APP" | cut -f1); $(ls "$APP/lib/main" | wc -l) jars, none from devkit; start-dev refused)"
