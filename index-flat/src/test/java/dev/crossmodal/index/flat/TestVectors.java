package dev.crossmodal.index.flat;

import dev.crossmodal.core.SearchHit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Random vectors and a double-precision brute-force reference for the index tests. */
final class TestVectors {
  private TestVectors() {}

  static float[] random(SplittableRandom random, int dim) {
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  static float[][] random(SplittableRandom random, int count, int dim) {
    float[][] vectors = new float[count][];
    for (int i = 0; i < count; i++) {
      vectors[i] = random(random, dim);
    }
    return vectors;
  }

  static double cosine(float[] a, float[] b) {
    return dev.crossmodal.core.VectorNorms.cosine(a, b);
  }

  /** Every stored vector scored against {@code query} in double precision, best first. */
  static List<SearchHit> bruteForce(Map<String, float[]> stored, float[] query) {
    List<SearchHit> all = new ArrayList<>();
    for (Map.Entry<String, float[]> e : stored.entrySet()) {
      all.add(new SearchHit(e.getKey(), (float) cosine(e.getValue(), query)));
    }
    all.sort(Comparator.comparingDouble((SearchHit h) -> -h.score()).thenComparing(SearchHit::id));
    return all;
  }
}
