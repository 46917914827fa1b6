package dev.crossmodal.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.core.IdFilter;
import dev.crossmodal.index.flat.FlatIndex;
import dev.crossmodal.index.flat.VectorKernels;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crossmodal bench index}: builds a {@link FlatIndex} of random unit vectors and times
 * single and batched top-k queries, the same way {@code tools/bench_faiss.py} times FAISS.
 *
 * <pre>
 * ./crossmodal bench index --vectors 1000000 --dim 512 --queries 32 --top-k 10 --threads 2 --json
 * </pre>
 */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Times the flat index on random unit vectors: Q single queries (median ms), then the same Q",
      "queries as one batch (ms per query), plus the time to add the vectors and heap per vector."
    })
public final class BenchIndexCommand implements Callable<Integer> {
  private static final int ADD_BATCH = 10_000;

  @Option(names = "--vectors", defaultValue = "100000", description = "Vectors in the index.")
  int vectors;

  @Option(names = "--dim", defaultValue = "512", description = "Vector dimension.")
  int dim;

  @Option(names = "--queries", defaultValue = "32", description = "Number of queries.")
  int queries;

  @Option(names = "--top-k", defaultValue = "10", description = "Hits per query.")
  int topK;

  @Option(
      names = "--threads",
      description = "Threads per single query (default: available processors).")
  Integer threads;

  @Option(
      names = "--warmup",
      defaultValue = "3",
      description = "Untimed rounds of single and batched queries first, so the JIT has compiled"
          + " the kernels.")
  int warmup;

  @Option(names = "--scalar", description = "Use the scalar kernel instead of the SIMD one.")
  boolean scalar;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed.")
  long seed;

  @Option(names = "--json", description = "Print one line of JSON instead of a table.")
  boolean json;

  @Option(
      names = "--file",
      description = "Also commit the index to this file and time loading it back"
          + " (adds commit_seconds and load_seconds).")
  Path file;

  @Override
  public Integer call() throws Exception {
    if (vectors < 1 || dim < 1 || queries < 1 || topK < 1 || warmup < 0) {
      System.err.println("--vectors, --dim, --queries and --top-k must be positive");
      return 2;
    }
    int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    SplittableRandom random = new SplittableRandom(seed);
    FlatIndex.Builder builder = FlatIndex.builder(dim).threads(threadCount);
    if (scalar) {
      builder.kernel(VectorKernels.scalar());
    }
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long heapBefore = usedHeapAfterGc(memory);
    Map<String, Object> result = new LinkedHashMap<>();
    try (FlatIndex index = builder.build()) {
      System.err.printf("Adding %,d random vectors of dimension %d...%n", vectors, dim);
      long addNanos = 0;
      for (int first = 0; first < vectors; first += ADD_BATCH) {
        int n = Math.min(ADD_BATCH, vectors - first);
        List<String> ids = new ArrayList<>(n);
        float[][] batch = new float[n][];
        for (int i = 0; i < n; i++) {
          ids.add("v" + (first + i));
          batch[i] = randomVector(random);
        }
        long start = System.nanoTime();
        index.upsertAll(ids, batch);
        addNanos += System.nanoTime() - start;
      }
      long heapAfter = usedHeapAfterGc(memory);
      double bytesPerVector = (double) (heapAfter - heapBefore) / vectors;

      float[][] warmupQueries = new float[queries][];
      float[][] timedQueries = new float[queries][];
      for (int q = 0; q < queries; q++) {
        warmupQueries[q] = randomVector(random);
        timedQueries[q] = randomVector(random);
      }
      System.err.printf("Warming up (%d rounds)...%n", warmup);
      for (int round = 0; round < warmup; round++) {
        for (float[] query : warmupQueries) {
          index.search(query, topK);
        }
        index.search(warmupQueries, topK, IdFilter.ALL);
      }
      System.err.printf("Timing %d single queries and one batch of %d...%n", queries, queries);
      double[] singleMs = new double[queries];
      for (int q = 0; q < queries; q++) {
        long start = System.nanoTime();
        index.search(timedQueries[q], topK);
        singleMs[q] = (System.nanoTime() - start) / 1e6;
      }
      long batchStart = System.nanoTime();
      index.search(timedQueries, topK, IdFilter.ALL);
      double batchMs = (System.nanoTime() - batchStart) / 1e6;

      result.put("vectors", vectors);
      result.put("dim", dim);
      result.put("threads", threadCount);
      result.put("single_query_ms", round(median(singleMs)));
      result.put("batch_query_ms", round(batchMs / queries));
      result.put("add_seconds", round(addNanos / 1e9));
      result.put("bytes_per_vector", Math.round(bytesPerVector));
      result.put("kernel", index.kernelName());
      result.put("queries", queries);
      result.put("top_k", topK);
      result.put("raw_bytes_per_vector", dim * Float.BYTES);
      result.put("estimated_bytes_per_vector", Math.round((double) index.memoryBytes() / vectors));
      result.put("single_query_ms_min", round(Arrays.stream(singleMs).min().orElse(0)));
      result.put("single_query_ms_max", round(Arrays.stream(singleMs).max().orElse(0)));
    }
    if (file != null) {
      timePersistence(result);
    }
    if (json) {
      System.out.println(new ObjectMapper().writeValueAsString(result));
    } else {
      for (Map.Entry<String, Object> entry : result.entrySet()) {
        System.out.printf("%-28s %s%n", entry.getKey(), entry.getValue());
      }
    }
    return 0;
  }

  /** Rebuilds the same vectors in a file-backed index, commits it, and loads it back. */
  private void timePersistence(Map<String, Object> result) throws IOException {
    // A file left by an earlier run would be loaded and then overwritten id by id.
    Files.deleteIfExists(file);
    SplittableRandom random = new SplittableRandom(seed);
    try (FlatIndex index = FlatIndex.builder(dim).threads(1).file(file).build()) {
      for (int first = 0; first < vectors; first += ADD_BATCH) {
        int n = Math.min(ADD_BATCH, vectors - first);
        List<String> ids = new ArrayList<>(n);
        float[][] batch = new float[n][];
        for (int i = 0; i < n; i++) {
          ids.add("v" + (first + i));
          batch[i] = randomVector(random);
        }
        index.upsertAll(ids, batch);
      }
      System.err.printf("Committing to %s...%n", file);
      long start = System.nanoTime();
      index.commit();
      result.put("commit_seconds", round((System.nanoTime() - start) / 1e9));
    }
    System.gc();
    System.err.printf("Loading %s...%n", file);
    long start = System.nanoTime();
    try (FlatIndex loaded = FlatIndex.builder(dim).threads(1).file(file).build()) {
      result.put("load_seconds", round((System.nanoTime() - start) / 1e9));
      if (loaded.size() != vectors) {
        throw new IllegalStateException("loaded " + loaded.size() + " vectors, not " + vectors);
      }
    }
  }

  private float[] randomVector(SplittableRandom random) {
    // Uniform components are much cheaper to draw than Gaussian ones; the index normalises them,
    // and the scan costs the same whatever the directions are.
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) {
      v[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return v;
  }

  private static long usedHeapAfterGc(MemoryMXBean memory) {
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
