package dev.crossmodal.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.core.IdFilter;
import dev.crossmodal.core.SearchHit;
import dev.crossmodal.index.flat.FlatIndex;
import dev.crossmodal.index.flat.VectorKernels;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code crossmodal bench index}: builds a file-backed {@link FlatIndex} of random unit vectors,
 * streamed in batches so they are never all on the heap, times its commits and opening it, then
 * times single and batched top-k queries on the reopened index, the same way {@code
 * tools/bench_faiss.py} times FAISS, and checks the results against the float scan.
 *
 * <pre>
 * ./crossmodal bench index --vectors 1000000 --dim 512 --queries 256 --top-k 10 --threads 2 \
 *     --file /tmp/bench.cmx --json
 * </pre>
 */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Times the flat index on random unit vectors: adding them, the first commit, an append",
      "commit of 1% more, opening the index, Q single queries (median ms), then the same Q",
      "queries as one batch (ms per query); recall_at_k compares the hits with the float scan's."
    })
public final class BenchIndexCommand implements Callable<Integer> {
  private static final int ADD_BATCH = 10_000;

  @Spec CommandSpec spec;
  private PrintWriter err;

  @Option(names = "--vectors", defaultValue = "100000", description = "Vectors in the index.")
  int vectors;

  @Option(names = "--dim", defaultValue = "512", description = "Vector dimension.")
  int dim;

  @Option(names = "--queries", defaultValue = "32", description = "Number of queries.")
  int queries;

  @Option(
      names = "--single-queries",
      description = "Time only the first N queries one by one (default: all of --queries); the"
          + " batch keeps all of them. For loaded machines, as tools/bench_faiss.py.")
  Integer singleQueries;

  @Option(names = "--top-k", defaultValue = "10", description = "Hits per query.")
  int topK;

  @Option(
      names = "--threads",
      description = "Threads per search (default: available processors).")
  Integer threads;

  @Option(
      names = "--warmup",
      defaultValue = "3",
      description = "Untimed rounds of single and batched queries first, so the JIT has compiled"
          + " the kernels.")
  int warmup;

  @Option(
      names = "--quantize",
      defaultValue = "int8",
      description = "First pass of a search: int8 (default; results stay exact) or none (floats).")
  String quantize;

  @Option(names = "--scalar", description = "Use the scalar kernel instead of the SIMD one.")
  boolean scalar;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed.")
  long seed;

  @Option(names = "--json", description = "Print one line of JSON instead of a table.")
  boolean json;

  @Option(
      names = "--file",
      description = "Index file to write (replaced, with its segment files; default: a temporary"
          + " file, deleted afterwards).")
  Path file;

  @Override
  public Integer call() throws Exception {
    err = spec.commandLine().getErr();
    if (vectors < 1 || dim < 1 || queries < 1 || topK < 1 || warmup < 0) {
      err.println("--vectors, --dim, --queries and --top-k must be positive");
      err.flush();
      return 2;
    }
    FlatIndex.Quantization quantization;
    switch (quantize.toLowerCase(Locale.ROOT)) {
      case "int8" -> quantization = FlatIndex.Quantization.INT8;
      case "none" -> quantization = FlatIndex.Quantization.NONE;
      default -> {
        err.println("--quantize must be int8 or none, got '" + quantize + "'");
        err.flush();
        return 2;
      }
    }
    int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    Path tempDir = file == null ? Files.createTempDirectory("crossmodal-bench-index") : null;
    Path target = file != null ? file : tempDir.resolve("bench.cmx");
    Map<String, Object> result = new LinkedHashMap<>();
    try {
      deleteIndexFiles(target);
      run(target, threadCount, quantization, result);
    } finally {
      if (tempDir != null) {
        deleteIndexFiles(target);
        Files.deleteIfExists(tempDir);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().writeValueAsString(result));
    } else {
      for (Map.Entry<String, Object> entry : result.entrySet()) {
        out.printf("%-28s %s%n", entry.getKey(), entry.getValue());
      }
    }
    out.flush();
    return 0;
  }

  private FlatIndex.Builder builder(Path target, int threadCount, FlatIndex.Quantization q) {
    FlatIndex.Builder builder =
        FlatIndex.builder(dim).threads(threadCount).file(target).quantization(q);
    if (scalar) {
      builder.kernel(VectorKernels.scalar());
    }
    return builder;
  }

  private void run(
      Path target, int threadCount, FlatIndex.Quantization quantization,
      Map<String, Object> result) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    int appended = Math.max(1, vectors / 100);
    double addSeconds;
    double commitSeconds;
    double appendSeconds;
    double writeSeconds;
    try (FlatIndex index = builder(target, threadCount, quantization).build()) {
      err.printf("Adding %,d random vectors of dimension %d...%n", vectors, dim);
      addSeconds = add(index, random, "v", vectors);
      err.printf("Committing to %s...%n", target);
      long start = System.nanoTime();
      index.commit();
      commitSeconds = (System.nanoTime() - start) / 1e9;
      // Segments are written while vectors are added (each full write buffer, and merges), so the
      // first commit has little left to do; this is the whole cost of writing the N vectors.
      writeSeconds = index.writeStats().writeTime().toNanos() / 1e9;
      add(index, random, "a", appended);
      err.printf("Committing %,d more...%n", appended);
      start = System.nanoTime();
      index.commit();
      appendSeconds = (System.nanoTime() - start) / 1e9;
    }
    long heapBefore = usedHeapAfterGc(memory);
    err.printf("Opening %s...%n", target);
    long openStart = System.nanoTime();
    try (FlatIndex index = builder(target, threadCount, quantization).build()) {
      double openSeconds = (System.nanoTime() - openStart) / 1e9;
      long heapAfter = usedHeapAfterGc(memory);
      long size = index.size();
      if (size != (long) vectors + appended) {
        throw new IllegalStateException("opened " + size + " vectors, not " + (vectors + appended));
      }
      double heapPerVector = Math.max(0, (double) (heapAfter - heapBefore) / size);

      float[][] warmupQueries = new float[queries][];
      float[][] timedQueries = new float[queries][];
      for (int q = 0; q < queries; q++) {
        warmupQueries[q] = randomVector(random);
        timedQueries[q] = randomVector(random);
      }
      int singleCount =
          singleQueries == null ? queries : Math.max(1, Math.min(singleQueries, queries));
      err.printf("Warming up (%d rounds)...%n", warmup);
      for (int round = 0; round < warmup; round++) {
        for (int q = 0; q < singleCount; q++) {
          index.search(warmupQueries[q], topK);
        }
        index.search(warmupQueries, topK, IdFilter.ALL);
      }
      err.printf(
          "Timing %d single queries and one batch of %d...%n", singleCount, queries);
      double[] singleMs = new double[singleCount];
      List<List<SearchHit>> singles = new ArrayList<>();
      for (int q = 0; q < singleCount; q++) {
        long start = System.nanoTime();
        singles.add(index.search(timedQueries[q], topK));
        singleMs[q] = (System.nanoTime() - start) / 1e6;
      }
      long batchStart = System.nanoTime();
      List<List<SearchHit>> batch = index.search(timedQueries, topK, IdFilter.ALL);
      double batchMs = (System.nanoTime() - batchStart) / 1e6;

      result.put("vectors", vectors);
      result.put("dim", dim);
      result.put("threads", threadCount);
      result.put("single_query_ms", round(median(singleMs)));
      result.put("batch_query_ms", round(batchMs / queries));
      result.put("add_seconds", round(addSeconds));
      result.put("bytes_per_vector", Math.round(heapPerVector));
      result.put("kernel", index.kernelName());
      result.put("quantize", quantization.name().toLowerCase(Locale.ROOT));
      result.put("queries", queries);
      result.put("top_k", topK);
      result.put("raw_bytes_per_vector", dim * Float.BYTES);
      result.put("estimated_bytes_per_vector", Math.round((double) index.memoryBytes() / size));
      result.put("single_query_ms_min", round(Arrays.stream(singleMs).min().orElse(0)));
      result.put("single_query_ms_max", round(Arrays.stream(singleMs).max().orElse(0)));
      result.put("commit_seconds", round(commitSeconds));
      result.put("append_commit_seconds", round(appendSeconds));
      result.put("write_seconds", round(writeSeconds));
      result.put("open_seconds", round(openSeconds));
      result.put("load_seconds", round(openSeconds));
      result.put("heap_bytes_per_vector", round(heapPerVector));
      result.put("segments", index.segmentCount());
      result.put("single_queries", singleCount);
      result.put("batch_equals_single", batch.subList(0, singleCount).equals(singles));
      err.println("Computing the float scan's hits for recall...");
      result.put("recall_at_k", round(recall(target, threadCount, timedQueries, batch)));
    }
  }

  /**
   * The fraction of the float scan's top-k ids that {@code hits} (the batch's, which the single
   * queries equal when batch_equals_single) contain, over all queries.
   */
  private double recall(
      Path target, int threadCount, float[][] timedQueries, List<List<SearchHit>> hits) {
    try (FlatIndex exact = builder(target, threadCount, FlatIndex.Quantization.NONE).build()) {
      List<List<SearchHit>> expected = exact.search(timedQueries, topK, IdFilter.ALL);
      long found = 0;
      long total = 0;
      for (int q = 0; q < timedQueries.length; q++) {
        Set<String> ids = new HashSet<>();
        hits.get(q).forEach(h -> ids.add(h.id()));
        for (SearchHit hit : expected.get(q)) {
          total++;
          found += ids.contains(hit.id()) ? 1 : 0;
        }
      }
      return total == 0 ? 1.0 : (double) found / total;
    }
  }

  /** Adds {@code count} random vectors in batches; returns the seconds spent in the index. */
  private double add(FlatIndex index, SplittableRandom random, String prefix, int count) {
    long nanos = 0;
    for (int first = 0; first < count; first += ADD_BATCH) {
      int n = Math.min(ADD_BATCH, count - first);
      List<String> ids = new ArrayList<>(n);
      float[][] batch = new float[n][];
      for (int i = 0; i < n; i++) {
        ids.add(prefix + (first + i));
        batch[i] = randomVector(random);
      }
      long start = System.nanoTime();
      index.upsertAll(ids, batch);
      nanos += System.nanoTime() - start;
    }
    return nanos / 1e9;
  }

  /** Deletes an index file and the segment and temporary files written beside it. */
  private static void deleteIndexFiles(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.deleteIfExists(target);
    if (!Files.isDirectory(dir)) {
      return;
    }
    String prefix = target.getFileName() + ".";
    try (Stream<Path> files = Files.list(dir)) {
      for (Path path : (Iterable<Path>) files::iterator) {
        String name = path.getFileName().toString();
        if (name.startsWith(prefix) && (name.endsWith(".seg") || name.endsWith(".tmp"))) {
          Files.deleteIfExists(path);
        }
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
