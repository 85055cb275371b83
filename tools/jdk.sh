#!/usr/bin/env bash
# Sourced by ./octo and .ci/run: exports JAVA_HOME pointing at a JDK 21 or newer.
# Looks at $JAVA_HOME, the `java` on PATH, then the usual install folders; a default Java 17 is skipped, not used.
octo_java_version() { # prints the feature version of the JDK at $1, or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -1
}
octo_find_jdk() {
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$c" ] && candidates+=("$c")
  done
  local best="" best_v=0
  for c in "${candidates[@]}"; do
    v=$(octo_java_version "$c")
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$c"; best_v="$v"; fi
  done
  [ -n "$best" ] && echo "$best"
}
if ! OCTO_JDK="$(octo_find_jdk)" || [ -z "$OCTO_JDK" ]; then
  echo "octo: no JDK 21 or newer found. Install one (e.g. Temurin 21+) and set JAVA_HOME." >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME="$OCTO_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
