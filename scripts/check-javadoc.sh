#!/usr/bin/env bash
# Lists public types and members of the library modules that lack Javadoc, as
# `javadoc -Xdoclint:all` reports them (no comment, no @param, no @return, no @throws), counted per
# module; exits 1 if there is any. The build's own javadoc run (maven-javadoc-plugin, doclint
# all,-missing) fails on broken references and HTML but only reports missing comments, because
# javadoc has no switch to check them per module: this script checks the library modules only
# (not examples, host-app-it, solr-test-cluster). Class-path look-ups need Maven Central or ~/.m2.
#   scripts/check-javadoc.sh            # counts, then every warning
#   scripts/check-javadoc.sh -q         # counts only
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(scripts/java-home.sh)
export JAVA_HOME
modules=(core image hub datasets test-support index-flat index-solr spark encoders-clip
  encoders-clip-torchscript encoders-vse langchain4j)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Each module's compile class path without the project's own modules (their sources are given to
# javadoc together). The compile phase with the compiler skipped lets the reactor resolve siblings.
for m in "${modules[@]}"; do mkdir -p "$m/target/classes"; done
list=$(IFS=,; echo "${modules[*]}")
./mvnw -B -ntp -q -pl "$list" -am compile dependency:build-classpath -Dmaven.main.skip=true \
  -Dmdep.outputFile=target/javadoc-check-classpath.txt -DexcludeGroupIds=dev.crossmodal \
  -Dmdep.includeScope=compile >"$work/maven.log" 2>&1 || { cat "$work/maven.log"; exit 2; }
cp=$(for m in "${modules[@]}"; do cat "$m/target/javadoc-check-classpath.txt"; echo; done | tr '\n' ':')
for m in "${modules[@]}"; do
  [[ -d $m/src/main/java ]] && find "$m/src/main/java" -name '*.java' ! -name module-info.java
done >"$work/files.txt"
"$JAVA_HOME/bin/javadoc" -Xdoclint:all -Xmaxwarns 100000 --add-modules=jdk.incubator.vector -quiet \
  -d "$work/html" -cp "$cp" @"$work/files.txt" >"$work/javadoc.log" 2>&1 || { cat "$work/javadoc.log"; exit 2; }
missing='warning: (no comment|no @param|no @return|no @throws|no main description|use of default constructor)'
total=0
for m in "${modules[@]}"; do
  n=$(grep -cE "^$m/src/.*$missing" "$work/javadoc.log" || true)
  printf '%-28s %5d\n' "$m" "$n"
  total=$((total + n))
done
printf '%-28s %5d\n' total "$total"
[[ ${1:-} == -q ]] || grep -E "$missing" "$work/javadoc.log" || true
[[ $total -eq 0 ]]
