package dev.crossmodal.index.flat;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The kernels alone, one thread: one query against {@code vectors} stored vectors (memory-bound
 * once they no longer fit in cache), and a block of 32 queries against blocks of 32 vectors
 * (arithmetic-bound). Divide {@code vectors * dim * 4} bytes by the time for bandwidth.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class KernelBenchmark {
  @Param({"panama", "scalar"})
  public String kernel;

  @Param({"512"})
  public int dim;

  @Param({"2000", "200000"})
  public int vectors;

  private VectorKernel k;
  private float[] data;
  private float[] queries;
  private float[] scores;

  @Setup
  public void setUp() {
    k = kernel.equals("panama") ? VectorKernels.panama() : VectorKernels.scalar();
    SplittableRandom random = new SplittableRandom(1);
    data = new float[vectors * dim];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) random.nextDouble(-1, 1);
    }
    queries = new float[32 * dim];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = (float) random.nextDouble(-1, 1);
    }
    scores = new float[32 * 256];
  }

  @Benchmark
  public void oneQuery(Blackhole blackhole) {
    for (int v = 0; v < vectors; v += 256) {
      k.dotBlock(queries, 1, data, v, Math.min(256, vectors - v), dim, scores);
    }
    blackhole.consume(scores);
  }

  @Benchmark
  public void blockOf32Queries(Blackhole blackhole) {
    for (int v = 0; v < vectors; v += 32) {
      k.dotBlock(queries, 32, data, v, Math.min(32, vectors - v), dim, scores);
    }
    blackhole.consume(scores);
  }
}
