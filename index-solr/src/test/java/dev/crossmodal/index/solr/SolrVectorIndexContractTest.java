package dev.crossmodal.index.solr;

import dev.crossmodal.core.VectorIndex;
import dev.crossmodal.solrtest.SolrCloudProcess;
import dev.crossmodal.testing.VectorIndexContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The VectorIndex contract, against a collection of a real SolrCloud per test. */
class SolrVectorIndexContractTest extends VectorIndexContract {
  private static SolrCloudProcess solr;
  private static int collections;

  @BeforeAll
  static void startCluster() {
    solr = SolrCloudProcess.start(1);
  }

  @AfterAll
  static void stopCluster() {
    solr.close();
  }

  @Override
  protected VectorIndex create(Path dir, int dimension) {
    SolrIndexConfig config = SolrIndexConfig.builder(solr.zkAddress(), "contract" + (++collections)).build();
    SolrCluster cluster = SolrCluster.connect(config);
    cluster.ensureCollection(dimension);
    return new SolrVectorIndex(cluster, "image", dimension, true);
  }
}
