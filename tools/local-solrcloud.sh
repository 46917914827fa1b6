#!/usr/bin/env bash
# Starts a throwaway SolrCloud on 127.0.0.1 (N nodes, default 2, embedded ZooKeeper) from Solr's
# test framework, for trying `crossmodal index --index solr` and `crossmodal bench solr` without a
# Solr installation. Prints "SolrCloud ready; ZooKeeper at HOST:PORT/solr" and runs until Ctrl-C.
#   tools/local-solrcloud.sh [NODES]
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(scripts/java-home.sh)
export JAVA_HOME
./mvnw -B -q -ntp -pl solr-test-cluster -am compile >&2
cp=solr-test-cluster/target/classes:$(cat solr-test-cluster/target/classes/dev/crossmodal/solrtest/classpath.txt)
exec "$JAVA_HOME/bin/java" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
  dev.crossmodal.solrtest.LocalSolrCloud "${1:-2}"
