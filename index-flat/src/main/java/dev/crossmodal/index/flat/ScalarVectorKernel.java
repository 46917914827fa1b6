package dev.crossmodal.index.flat;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The portable kernel: plain Java arithmetic that follows exactly the order of operations of the
 * SIMD kernel with the same lane count, so that both return identical scores.
 *
 * <p>{@link Math#fma} compiles to one instruction on every x86-64 and AArch64 CPU of the last ten
 * years; the {@code lanes} independent partial sums also give the CPU's out-of-order core enough
 * independent work to hide the latency of each multiply-add.
 */
final class ScalarVectorKernel implements VectorKernel {
  private static final ValueLayout.OfFloat FLOAT =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private final int lanes;

  /**
   * @param lanes number of interleaved partial sums: a power of two, normally the lane count of the
   *     SIMD kernel on this machine so that both agree bit for bit
   */
  ScalarVectorKernel(int lanes) {
    if (lanes < 1 || Integer.bitCount(lanes) != 1) {
      throw new IllegalArgumentException("lanes must be a power of two, got " + lanes);
    }
    this.lanes = lanes;
  }

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public int lanes() {
    return lanes;
  }

  @Override
  public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    float[] partial = new float[lanes];
    return dot(a, aOffset, b, bOffset, length, partial);
  }

  @Override
  public void dotBlock(
      float[] queries, int queryCount, float[] data, int firstVector, int count, int dim,
      float[] scores) {
    float[] partial = new float[lanes];
    for (int q = 0; q < queryCount; q++) {
      int queryOffset = q * dim;
      int row = q * count;
      for (int v = 0; v < count; v++) {
        scores[row + v] =
            dot(queries, queryOffset, data, (firstVector + v) * dim, dim, partial);
      }
    }
  }

  /** The common case (AVX2 lane count), with the partial sums in registers rather than an array. */
  private static float dot8(float[] a, int aOffset, float[] b, int bOffset, int length) {
    int bound = length & ~7;
    float p0 = 0;
    float p1 = 0;
    float p2 = 0;
    float p3 = 0;
    float p4 = 0;
    float p5 = 0;
    float p6 = 0;
    float p7 = 0;
    for (int i = 0; i < bound; i += 8) {
      int x = aOffset + i;
      int y = bOffset + i;
      p0 = Math.fma(a[x], b[y], p0);
      p1 = Math.fma(a[x + 1], b[y + 1], p1);
      p2 = Math.fma(a[x + 2], b[y + 2], p2);
      p3 = Math.fma(a[x + 3], b[y + 3], p3);
      p4 = Math.fma(a[x + 4], b[y + 4], p4);
      p5 = Math.fma(a[x + 5], b[y + 5], p5);
      p6 = Math.fma(a[x + 6], b[y + 6], p6);
      p7 = Math.fma(a[x + 7], b[y + 7], p7);
    }
    float sum = ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 + p7));
    for (int i = bound; i < length; i++) {
      sum = Math.fma(a[aOffset + i], b[bOffset + i], sum);
    }
    return sum;
  }

  private float dot(float[] a, int aOffset, float[] b, int bOffset, int length, float[] partial) {
    if (lanes == 8) {
      return dot8(a, aOffset, b, bOffset, length);
    }
    int bound = length - (length % lanes);
    java.util.Arrays.fill(partial, 0f);
    for (int i = 0; i < bound; i += lanes) {
      for (int lane = 0; lane < lanes; lane++) {
        partial[lane] = Math.fma(a[aOffset + i + lane], b[bOffset + i + lane], partial[lane]);
      }
    }
    float sum = LaneSum.pairwise(partial);
    for (int i = bound; i < length; i++) {
      sum = Math.fma(a[aOffset + i], b[bOffset + i], sum);
    }
    return sum;
  }

  @Override
  public float dot(float[] query, int queryOffset, MemorySegment data, long vector, int dim) {
    long base = vector * dim * Float.BYTES;
    int bound = dim - (dim % lanes);
    float[] partial = new float[lanes];
    for (int i = 0; i < bound; i += lanes) {
      for (int lane = 0; lane < lanes; lane++) {
        float x = data.get(FLOAT, base + (long) (i + lane) * Float.BYTES);
        partial[lane] = Math.fma(query[queryOffset + i + lane], x, partial[lane]);
      }
    }
    float sum = LaneSum.pairwise(partial);
    for (int i = bound; i < dim; i++) {
      sum = Math.fma(query[queryOffset + i], data.get(FLOAT, base + (long) i * Float.BYTES), sum);
    }
    return sum;
  }

  @Override
  public void approximateBlock(
      float[] queries, int queryCount, MemorySegment data, boolean codes, long firstVector,
      int count, int dim, float[] scratch, float[] scores) {
    for (int v = 0; v < count; v++) {
      long vector = firstVector + v;
      // Widen the stored vector once, then score it against every query.
      for (int i = 0; i < dim; i++) {
        scratch[i] = codes
            ? data.get(ValueLayout.JAVA_BYTE, vector * dim + i)
            : data.get(FLOAT, (vector * dim + i) * Float.BYTES);
      }
      for (int q = 0; q < queryCount; q++) {
        int offset = q * dim;
        float sum = 0;
        for (int i = 0; i < dim; i++) {
          sum = Math.fma(queries[offset + i], scratch[i], sum);
        }
        scores[q * count + v] = sum;
      }
    }
  }

  @Override
  public int scratchFloats(int dim) {
    return dim;
  }
}
