package dev.crossmodal.solrtest;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.solr.cloud.MiniSolrCloudCluster;

/**
 * A throwaway SolrCloud on loopback (Solr's own test cluster: N nodes and an embedded ZooKeeper)
 * for trying {@code index --index solr} and {@code bench solr} without installing Solr. Prints
 * {@value #READY} and the ZooKeeper address, then runs until killed. On standard input it takes
 * {@code stop N}, which stops node N and answers {@value #STOPPED}N. Started by {@link
 * SolrCloudProcess} and {@code tools/local-solrcloud.sh}.
 */
public final class LocalSolrCloud {
  /** The start of the line that announces the ZooKeeper address. */
  public static final String READY = "SolrCloud ready; ZooKeeper at ";

  /** The answer to {@code stop N}. */
  public static final String STOPPED = "stopped node ";

  private LocalSolrCloud() {}

  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    Path base = Files.createTempDirectory("crossmodal-local-solrcloud");
    MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(nodes, base).build();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    cluster.shutdown();
                  } catch (Exception e) {
                    // The JVM is exiting; nothing to report to.
                  }
                }));
    System.out.println(READY + cluster.getZkServer().getZkAddress());
    System.out.flush();
    java.io.BufferedReader in =
        new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.startsWith("stop ")) {
        int node = Integer.parseInt(line.substring(5).strip());
        cluster.stopJettySolrRunner(node);
        System.out.println(STOPPED + node);
        System.out.flush();
      }
    }
    // Standard input closed (the parent went away without killing us): keep serving until killed.
    Thread.currentThread().join();
  }
}
