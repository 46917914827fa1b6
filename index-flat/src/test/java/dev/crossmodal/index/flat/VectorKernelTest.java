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

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 8, 17, 512, 513})
  void storedVectorsScoreTheSameBitsFromMemoryAsFromAnArray(int dim) {
    SplittableRandom random = new SplittableRandom(dim);
    float[] data = TestVectors.random(random, 3 * dim);
    java.lang.foreign.MemorySegment memory = littleEndian(data);
    float[] query = TestVectors.random(random, dim + 2);
    for (VectorKernel kernel : new VectorKernel[] {SIMD, SCALAR}) {
      for (int v = 0; v < 3; v++) {
        assertThat(kernel.dot(query, 2, memory, v, dim))
            .as("%s v=%d", kernel.name(), v)
            .isEqualTo(SIMD.dot(query, 2, data, v * dim, dim));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 16, 100, 512})
  void approximateScoresOfCodesAndFloatsStayWithinTheirBounds(int dim) {
    SplittableRandom random = new SplittableRandom(dim);
    int count = 37;
    float[] data = new float[count * dim];
    byte[] codes = new byte[count * dim];
    float[] scaleAndMargin = new float[2];
    float[] scales = new float[count];
    float[] margins = new float[count];
    for (int v = 0; v < count; v++) {
      float[] unit = dev.crossmodal.core.VectorNorms.checkedUnit("v", TestVectors.random(random, dim), dim);
      System.arraycopy(unit, 0, data, v * dim, dim);
      Int8Quantizer.quantize(data, v * dim, dim, codes, v * dim, scaleAndMargin);
      scales[v] = scaleAndMargin[0];
      margins[v] = scaleAndMargin[1];
    }
    float slack = Int8Quantizer.slack(dim);
    for (int queryCount : new int[] {1, 2, 6, 7, 13}) {
      float[] queries = new float[queryCount * dim];
      for (int q = 0; q < queryCount; q++) {
        float[] unit = dev.crossmodal.core.VectorNorms.checkedUnit("q", TestVectors.random(random, dim), dim);
        System.arraycopy(unit, 0, queries, q * dim, dim);
      }
      for (VectorKernel kernel : new VectorKernel[] {SIMD, SCALAR}) {
        float[] scratch = new float[kernel.scratchFloats(dim)];
        float[] fromCodes = new float[queryCount * (count - 3)];
        float[] fromFloats = new float[queryCount * (count - 3)];
        kernel.approximateBlock(queries, queryCount, java.lang.foreign.MemorySegment.ofArray(codes),
            true, 3, count - 3, dim, scratch, fromCodes);
        kernel.approximateBlock(queries, queryCount, littleEndian(data), false, 3, count - 3, dim,
            scratch, fromFloats);
        for (int q = 0; q < queryCount; q++) {
          for (int v = 0; v < count - 3; v++) {
            float exact = SIMD.dot(queries, q * dim, data, (v + 3) * dim, dim);
            int at = q * (count - 3) + v;
            assertThat(scales[v + 3] * fromCodes[at])
                .as("%s codes q=%d/%d v=%d", kernel.name(), q, queryCount, v)
                .isCloseTo(exact, within(Int8Quantizer.bound(margins[v + 3], slack)));
            assertThat(fromFloats[at])
                .as("%s floats q=%d/%d v=%d", kernel.name(), q, queryCount, v)
                .isCloseTo(exact, within(Int8Quantizer.bound(0f, slack)));
          }
        }
      }
    }
  }

  private static java.lang.foreign.MemorySegment littleEndian(float[] data) {
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(data.length * 4)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(data);
    return java.lang.foreign.MemorySegment.ofArray(bytes.array());
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
