#!/usr/bin/env bash
# Prints the home of a JDK >= 22: $JAVA_HOME if it qualifies, then the `java` on PATH, then the
# newest JDK under /usr/lib/jvm or /opt. Exits 1 with a message if there is none.
set -u
min=22

major_of() { # java binary -> major version
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

candidates=()
[[ -n ${JAVA_HOME:-} ]] && candidates+=("$JAVA_HOME")
if command -v java >/dev/null 2>&1; then
  candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
fi
for d in $(ls -d /usr/lib/jvm/* /opt/*jdk* /opt/java/* 2>/dev/null | sort -rV); do
  candidates+=("$d")
done

for home in "${candidates[@]}"; do
  [[ -x $home/bin/java && -x $home/bin/javac ]] || continue
  major=$(major_of "$home/bin/java")
  if [[ -n $major && $major -ge $min ]]; then
    echo "$home"
    exit 0
  fi
done
echo "No JDK >= $min found: set JAVA_HOME to one (tried: ${candidates[*]:-none})" >&2
exit 1
