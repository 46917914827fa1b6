package dev.crossmodal.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossmodal.core.SearchHit;
import dev.crossmodal.core.VectorIndex;
import dev.crossmodal.core.VectorIndexes;
import dev.crossmodal.core.VectorNorms;
import dev.crossmodal.index.solr.SolrCluster;
import dev.crossmodal.index.solr.SolrIndexConfig;
import dev.crossmodal.index.solr.SolrVectorIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crossmodal bench solr}: the same clustered random vectors in a SolrCloud collection (HNSW)
 * and in the exact flat index; reports Solr's recall against the exact top-k and the latency of
 * both, queried one at a time, interleaved.
 *
 * <pre>
 * ./crossmodal bench solr --solr-zk 127.0.0.1:9983/solr --collection bench --vectors 100000 --dim 512 --json
 * </pre>
 */
@Command(
    name = "solr",
    mixinStandardHelpOptions = true,
    description = {
      "Recall and latency of SolrCloud's HNSW against the exact flat index on the same vectors",
      "(clustered random unit vectors, like embeddings; queries from the same distribution)."
    })
public final class BenchSolrCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--solr-zk", required = true, paramLabel = "HOST:PORT[/chroot]", description = "SolrCloud's ZooKeeper address.")
  String solrZk;

  @Option(names = "--collection", defaultValue = "crossmodal-bench", description = "Collection to fill (created; must not hold other vectors).")
  String collection;

  @Option(names = "--shards", defaultValue = "2", description = "Shards of the collection (default: ${DEFAULT-VALUE}).")
  int shards;

  @Option(names = "--replicas", defaultValue = "1", description = "Replicas per shard (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(names = "--vectors", defaultValue = "100000", description = "Vectors (default: ${DEFAULT-VALUE}).")
  int vectors;

  @Option(names = "--dim", defaultValue = "512", description = "Dimension (default: ${DEFAULT-VALUE}).")
  int dim;

  @Option(names = "--clusters", defaultValue = "1000", description = "Cluster centres the vectors are drawn around (default: ${DEFAULT-VALUE}).")
  int clusters;

  @Option(names = "--queries", defaultValue = "200", description = "Queries (default: ${DEFAULT-VALUE}).")
  int queries;

  @Option(names = "--top-k", defaultValue = "10", description = "Hits per query (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = "--search-breadth", defaultValue = "100", description = "Solr topK per shard at least (HNSW candidates; default: ${DEFAULT-VALUE}).")
  int searchBreadth;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed.")
  long seed;

  @Option(names = "--json", description = "Print one line of JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Random random = new Random(seed);
    float[][] centres = new float[clusters][];
    for (int c = 0; c < clusters; c++) {
      centres[c] = gaussian(random, 1.0);
    }
    SolrIndexConfig config =
        SolrIndexConfig.builder(solrZk, collection).shards(shards).replicas(replicas).searchBreadth(searchBreadth).build();
    Path flatFile = Files.createTempDirectory("crossmodal-bench-solr").resolve("vectors-image.flat");
    ObjectNode out = Json.object();
    try (SolrCluster cluster = SolrCluster.connect(config);
        VectorIndex flat = VectorIndexes.factory("flat").openOrCreate(flatFile, dim)) {
      cluster.ensureCollection(dim);
      SolrVectorIndex solr = new SolrVectorIndex(cluster, "image", dim);
      long start = System.nanoTime();
      List<String> ids = new ArrayList<>();
      List<float[]> batch = new ArrayList<>();
      for (int i = 0; i < vectors; i++) {
        ids.add("v" + i);
        batch.add(around(centres[random.nextInt(clusters)], random));
        if (batch.size() == 5000 || i == vectors - 1) {
          float[][] rows = batch.toArray(float[][]::new);
          solr.upsertAll(ids, rows);
          flat.upsertAll(ids, rows);
          ids.clear();
          batch.clear();
        }
      }
      solr.commit();
      double addSeconds = (System.nanoTime() - start) / 1e9;
      long[] solrNanos = new long[queries];
      long[] flatNanos = new long[queries];
      long found = 0;
      for (int q = 0; q < queries; q++) {
        float[] query = around(centres[random.nextInt(clusters)], random);
        long t0 = System.nanoTime();
        List<SearchHit> exact = flat.search(query, topK);
        long t1 = System.nanoTime();
        List<SearchHit> approximate = solr.search(query, topK);
        long t2 = System.nanoTime();
        flatNanos[q] = t1 - t0;
        solrNanos[q] = t2 - t1;
        Set<String> truth = new HashSet<>();
        exact.forEach(h -> truth.add(h.id()));
        found += approximate.stream().filter(h -> truth.contains(h.id())).count();
      }
      out.put("vectors", vectors).put("dim", dim).put("queries", queries).put("top_k", topK);
      out.put("shards", shards).put("replicas", replicas).put("search_breadth", searchBreadth);
      out.put("solr_recall_at_k", (double) found / ((long) queries * topK));
      out.put("solr_add_and_commit_seconds", Math.round(addSeconds * 100) / 100.0);
      Arrays.sort(solrNanos);
      Arrays.sort(flatNanos);
      out.put("solr_median_ms", millis(BenchServeCommand.percentile(solrNanos, 50)));
      out.put("solr_p90_ms", millis(BenchServeCommand.percentile(solrNanos, 90)));
      out.put("flat_median_ms", millis(BenchServeCommand.percentile(flatNanos, 50)));
      out.put("flat_p90_ms", millis(BenchServeCommand.percentile(flatNanos, 90)));
    }
    if (json) {
      Json.println(spec.commandLine().getOut(), out);
    } else {
      spec.commandLine().getOut().println(out.toPrettyString());
    }
    return 0;
  }

  private float[] gaussian(Random random, double scale) {
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) {
      v[i] = (float) (random.nextGaussian() * scale);
    }
    return v;
  }

  /** A point near {@code centre}: embeddings of similar things cluster, unlike uniform noise. */
  private float[] around(float[] centre, Random random) {
    float[] v = gaussian(random, 0.6);
    for (int i = 0; i < dim; i++) {
      v[i] += centre[i];
    }
    return VectorNorms.normalized(v);
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 1e4) / 100.0;
  }
}
