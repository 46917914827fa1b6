package dev.crossmodal.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.solr.cloud.MiniSolrCloudCluster;

/**
 * A throwaway SolrCloud on loopback (Solr's own test cluster: N nodes and an embedded ZooKeeper)
 * for trying {@code index --index solr} and {@code bench solr} without installing Solr. Prints the
 * ZooKeeper address, then runs until killed. Started by {@code tools/local-solrcloud.sh}.
 */
public final class LocalSolrCloud {
  private LocalSolrCloud() {}

  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    Path base = Files.createTempDirectory("crossmodal-local-solrcloud");
    MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(nodes, base).build();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        cluster.shutdown();
      } catch (Exception e) {
        // The JVM is exiting; nothing to report to.
      }
    }));
    System.out.println("SolrCloud with " + nodes + " nodes; ZooKeeper at " + cluster.getZkServer().getZkAddress());
    System.out.flush();
    Thread.currentThread().join();
  }
}
