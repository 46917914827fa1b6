package dev.crossmodal.index.flat;

/**
 * The portable kernel: plain Java arithmetic that follows exactly the order of operations of the
 * SIMD kernel with the same lane count, so that both return identical scores.
 *
 * <p>{@link Math#fma} compiles to one instruction on every x86-64 and AArch64 CPU of the last ten
 * years; the {@code lanes} independent partial sums also give the CPU's out-of-order core enough
 * independent work to hide the latency of each multiply-add.
 */
final class ScalarVectorKernel implements VectorKernel {
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

  private float dot(float[] a, int aOffset, float[] b, int bOffset, int length, float[] partial) {
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
}
