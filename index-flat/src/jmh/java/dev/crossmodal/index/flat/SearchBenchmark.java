package dev.crossmodal.index.flat;

import dev.crossmodal.core.IdFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Whole searches on a {@link FlatIndex} of random vectors: one query, and 32 queries at once. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx6g"})
public class SearchBenchmark {
  @Param({"200000"})
  public int vectors;

  @Param({"512"})
  public int dim;

  @Param({"1", "2"})
  public int threads;

  @Param({"10"})
  public int k;

  private FlatIndex index;
  private float[][] queries;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(1);
    index = FlatIndex.builder(dim).threads(threads).build();
    for (int first = 0; first < vectors; first += 10_000) {
      int n = Math.min(10_000, vectors - first);
      List<String> ids = new ArrayList<>(n);
      float[][] batch = new float[n][dim];
      for (int i = 0; i < n; i++) {
        ids.add("v" + (first + i));
        for (int j = 0; j < dim; j++) {
          batch[i][j] = (float) random.nextDouble(-1, 1);
        }
      }
      index.upsertAll(ids, batch);
    }
    queries = new float[32][dim];
    for (float[] query : queries) {
      for (int j = 0; j < dim; j++) {
        query[j] = (float) random.nextDouble(-1, 1);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    index.close();
  }

  @Benchmark
  public Object singleQuery() {
    return index.search(queries[0], k);
  }

  /** Time for all 32; divide by 32 for the time per query. */
  @Benchmark
  public Object batchOf32() {
    return index.search(queries, k, IdFilter.ALL);
  }
}
