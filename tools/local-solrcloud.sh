#!/usr/bin/env bash
# Starts a throwaway SolrCloud on 127.0.0.1 (N nodes, default 2, embedded ZooKeeper) from Solr's
# test framework, for trying `crossmodal index --index solr` and `crossmodal bench solr` without a
# Solr installation. Prints "ZooKeeper at HOST:PORT/solr" and runs until Ctrl-C.
#   tools/local-solrcloud.sh [NODES]
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(scripts/java-home.sh)
export JAVA_HOME
./mvnw -B -q -ntp -pl examples -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt >&2
cp=examples/target/test-classes:examples/target/classes:$(cat examples/target/test-classpath.txt)
exec "$JAVA_HOME/bin/java" -cp "$cp" dev.crossmodal.examples.cli.LocalSolrCloud "${1:-2}"
