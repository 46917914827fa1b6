package dev.crossmodal.index.flat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossmodal.core.IdFilter;
import dev.crossmodal.core.SearchHit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The int8 first pass returns exactly what the float scan returns (same ids, same score bits, same
 * order) on data built to trip an approximate scan: near-ties a few units in the last place
 * apart, tight clusters around the query, exact duplicates under many ids, and scores at the +1
 * clamp.
 */
class Int8ExactnessTest {
  private static final int K = 10;

  @TempDir Path dir;

  private static float[] perturbed(SplittableRandom random, float[] base, double size) {
    float[] v = base.clone();
    for (int i = 0; i < v.length; i++) {
      v[i] += (float) (random.nextGaussian() * size);
    }
    return v;
  }

  /** Clusters around a few centres, with duplicates, near-ties and the query centres themselves. */
  private static float[][] adversarial(SplittableRandom random, int count, int dim, float[][] centres) {
    float[][] vectors = new float[count][];
    for (int i = 0; i < count; i++) {
      float[] centre = centres[i % centres.length];
      switch (i % 6) {
        case 0 -> vectors[i] = centre.clone();                               // duplicates
        case 1 -> vectors[i] = perturbed(random, centre, 1e-7);              // near-ties
        case 2 -> vectors[i] = perturbed(random, centre, 1e-4);              // tight cluster
        case 3 -> vectors[i] = perturbed(random, centre, 2e-2);              // loose cluster
        case 4 -> vectors[i] = vectors[i - 4].clone();                        // more duplicates
        default -> vectors[i] = TestVectors.random(random, dim);             // background
      }
    }
    return vectors;
  }

  private FlatIndex index(String name, int dim, FlatIndex.Quantization quantization, int threads) {
    return FlatIndex.builder(dim).file(dir.resolve(name)).quantization(quantization)
        .threads(threads).flushVectors(700).build();
  }

  @ParameterizedTest
  @ValueSource(ints = {7, 64, 100, 512})
  void int8AndFloatScansReturnIdenticalHits(int dim) {
    SplittableRandom random = new SplittableRandom(dim);
    float[][] centres = TestVectors.random(random, 3, dim);
    float[][] vectors = adversarial(random, 3000, dim, centres);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < vectors.length; i++) {
      ids.add(String.format("id-%05d", (i * 7919) % vectors.length));
    }
    List<float[]> queries = new ArrayList<>();
    for (float[] centre : centres) {
      queries.add(centre);
      queries.add(perturbed(random, centre, 1e-6));
      queries.add(perturbed(random, centre, 1e-2));
    }
    queries.add(TestVectors.random(random, dim));
    float[][] batch = queries.toArray(new float[0][]);
    try (FlatIndex int8 = index("int8.cmx", dim, FlatIndex.Quantization.INT8, 2);
        FlatIndex exact = index("float.cmx", dim, FlatIndex.Quantization.NONE, 1);
        FlatIndex heap = FlatIndex.builder(dim).threads(1).build()) {
      for (FlatIndex index : List.of(int8, exact, heap)) {
        for (int from = 0; from < vectors.length; from += 500) {
          int to = Math.min(vectors.length, from + 500);
          index.upsertAll(ids.subList(from, to), java.util.Arrays.copyOfRange(vectors, from, to));
        }
        index.delete(ids.get(6));
        index.commit();
      }
      assertThat(int8.segmentCount()).isGreaterThan(1);
      for (int k : new int[] {1, K, 100}) {
        List<List<SearchHit>> expected = heap.search(batch, k, IdFilter.ALL);
        assertThat(exact.search(batch, k, IdFilter.ALL)).as("float, k=%d", k).isEqualTo(expected);
        assertThat(int8.search(batch, k, IdFilter.ALL)).as("int8 batch, k=%d", k)
            .isEqualTo(expected);
        for (int q = 0; q < batch.length; q++) {
          assertThat(int8.search(batch[q], k)).as("int8 query %d, k=%d", q, k)
              .isEqualTo(expected.get(q));
        }
      }
      IdFilter odd = id -> id.endsWith("1") || id.endsWith("3");
      assertThat(int8.search(batch, K, odd)).isEqualTo(heap.search(batch, K, odd));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {33, 512})
  void theScalarKernelReturnsTheSameHitsAsTheSimdOne(int dim) {
    SplittableRandom random = new SplittableRandom(dim + 2);
    float[][] centres = TestVectors.random(random, 2, dim);
    float[][] vectors = adversarial(random, 1200, dim, centres);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < vectors.length; i++) {
      ids.add("s" + i);
    }
    float[][] queries = {centres[0], perturbed(random, centres[1], 1e-3), TestVectors.random(random, dim)};
    try (FlatIndex simd = index("simd.cmx", dim, FlatIndex.Quantization.INT8, 2);
        FlatIndex scalar = FlatIndex.builder(dim).file(dir.resolve("scalar.cmx"))
            .kernel(VectorKernels.scalar()).threads(2).build()) {
      for (FlatIndex index : List.of(simd, scalar)) {
        index.upsertAll(ids, vectors);
        index.commit();
      }
      assertThat(scalar.search(queries, K, IdFilter.ALL))
          .isEqualTo(simd.search(queries, K, IdFilter.ALL));
      assertThat(scalar.search(queries[0], K)).isEqualTo(simd.search(queries[0], K));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {16, 33})
  void duplicatesOfTheQueryTieAtOneAndAreOrderedById(int dim) {
    SplittableRandom random = new SplittableRandom(dim + 1);
    float[] query = TestVectors.random(random, dim);
    List<String> ids = new ArrayList<>();
    float[][] vectors = new float[400][];
    for (int i = 0; i < vectors.length; i++) {
      ids.add("dup-" + (400 - i));
      vectors[i] = i % 2 == 0 ? query.clone() : TestVectors.random(random, dim);
    }
    try (FlatIndex int8 = index("int8.cmx", dim, FlatIndex.Quantization.INT8, 2);
        FlatIndex heap = FlatIndex.builder(dim).build()) {
      int8.upsertAll(ids, vectors);
      heap.upsertAll(ids, vectors);
      int8.commit();
      List<SearchHit> hits = int8.search(query, K);
      assertThat(hits).isEqualTo(heap.search(query, K));
      assertThat(hits).extracting(SearchHit::id).isSorted();
    }
  }
}
