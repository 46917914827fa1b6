package dev.crossmodal.index.flat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class VectorKernelTest {
  private static final VectorKernel SIMD = VectorKernels.panama();
  private static final VectorKernel SCALAR = VectorKernels.scalar();

  @Test
  void surefireRunsWithTheIncubatorModuleSoTheSimdKernelIsChosen() {
    assertThat(VectorKernels.get().name()).isEqualTo("panama");
    assertThat(SCALAR.name()).isEqualTo("scalar");
    assertThat(SCALAR.lanes()).isEqualTo(SIMD.lanes());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 7, 8, 17, 511, 512, 513, 2049})
  void simdAndScalarDotProductsAreBitIdentical(int dim) {
    SplittableRandom random = new SplittableRandom(dim);
    for (int trial = 0; trial < 20; trial++) {
      float[] a = TestVectors.random(random, dim + 5);
      float[] b = TestVectors.random(random, dim + 3);
      assertThat(SIMD.dot(a, 5, b, 3, dim)).isEqualTo(SCALAR.dot(a, 5, b, 3, dim));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 17, 511, 513, 2049})
  void dotProductsMatchDoublePrecision(int dim) {
    SplittableRandom random = new SplittableRandom(dim);
    float[] a = TestVectors.random(random, dim);
    float[] b = TestVectors.random(random, dim);
    double expected = 0;
    for (int i = 0; i < dim; i++) {
      expected += (double) a[i] * b[i];
    }
    assertThat((double) SIMD.dot(a, 0, b, 0, dim)).isCloseTo(expected, within(1e-4 * dim));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 17, 511, 513, 2049})
  void blockScoresEqualSingleDotProductsForEveryTileShape(int dim) {
    SplittableRandom random = new SplittableRandom(dim);
    int vectors = 11;
    float[] data = new float[(vectors + 2) * dim];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) random.nextGaussian();
    }
    for (int queryCount = 1; queryCount <= 9; queryCount++) {
      float[] queries = new float[queryCount * dim];
      for (int i = 0; i < queries.length; i++) {
        queries[i] = (float) random.nextGaussian();
      }
      for (VectorKernel kernel : new VectorKernel[] {SIMD, SCALAR}) {
        float[] scores = new float[queryCount * vectors];
        kernel.dotBlock(queries, queryCount, data, 2, vectors, dim, scores);
        for (int q = 0; q < queryCount; q++) {
          for (int v = 0; v < vectors; v++) {
            assertThat(scores[q * vectors + v])
                .as("%s q=%d v=%d", kernel.name(), q, v)
                .isEqualTo(SIMD.dot(queries, q * dim, data, (2 + v) * dim, dim));
          }
        }
      }
    }
  }

  @Test
  void theScalarPropertyForcesTheScalarKernel() {
    assertThat(VectorKernels.choose("true").name()).isEqualTo("scalar");
  }

  @Test
  void withoutTheScalarPropertyTheSimdKernelIsChosen() {
    assertThat(VectorKernels.choose(null).name()).isEqualTo("panama");
  }
}
