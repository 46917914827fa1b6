package dev.crossmodal.index.flat;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD kernel, on the incubating Panama Vector API. Only {@link VectorKernels} refers to this
 * class, by name, so that the rest of the module loads on a JVM started without {@code
 * --add-modules jdk.incubator.vector}.
 *
 * <p>One query against many vectors is limited by memory bandwidth; reading the stored vectors one
 * after another as a single sequential stream measured faster than interleaving several (the
 * hardware prefetcher follows one stream best). A block of queries is limited by arithmetic: tiles
 * of eight queries by one stored vector keep eight accumulators in registers and load each stored
 * vector once per eight queries, while the queries stay in the L1 cache.
 *
 * <p>Lanes are reduced by adding lane {@code i ^ w} for {@code w = 1, 2, 4, ...}: lane-wise adds
 * give the same bits compiled or interpreted and follow {@link LaneSum#pairwise}'s order, so this
 * kernel and the scalar one agree exactly.
 */
final class PanamaVectorKernel implements VectorKernel {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  private static final VectorShuffle<Float> SWAP_1 = VectorShuffle.fromOp(SPECIES, i -> i ^ 1);
  private static final VectorShuffle<Float> SWAP_2 = VectorShuffle.fromOp(SPECIES, i -> i ^ 2);
  private static final VectorShuffle<Float> SWAP_4 =
      VectorShuffle.fromOp(SPECIES, i -> LANES > 4 ? i ^ 4 : i);
  private static final VectorShuffle<Float> SWAP_8 =
      VectorShuffle.fromOp(SPECIES, i -> LANES > 8 ? i ^ 8 : i);

  PanamaVectorKernel() {
    if (LANES < 4 || LANES > 16) {
      throw new IllegalStateException("unsupported vector shape: " + this);
    }
  }

  @Override
  public String toString() {
    return SPECIES.vectorBitSize() + "-bit vectors, " + LANES + " float lanes";
  }

  @Override
  public String name() {
    return "panama";
  }

  @Override
  public int lanes() {
    return LANES;
  }

  @Override
  public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    return dotOne(a, aOffset, b, bOffset, length);
  }

  @Override
  public void dotBlock(
      float[] queries, int queryCount, float[] data, int firstVector, int count, int dim,
      float[] scores) {
    float[] partial = new float[LANES];
    int q = 0;
    for (; q + 8 <= queryCount; q += 8) {
      for (int v = 0; v < count; v++) {
        tile8(
            queries, q * dim, data, (firstVector + v) * dim, dim, scores, q * count + v, count,
            partial);
      }
    }
    for (; q + 4 <= queryCount; q += 4) {
      for (int v = 0; v < count; v++) {
        tile4(
            queries, q * dim, data, (firstVector + v) * dim, dim, scores, q * count + v, count,
            partial);
      }
    }
    for (; q < queryCount; q++) {
      int queryOffset = q * dim;
      int row = q * count;
      int vectorOffset = firstVector * dim;
      for (int v = 0; v < count; v++, vectorOffset += dim) {
        scores[row + v] = dotOne(queries, queryOffset, data, vectorOffset, dim);
      }
    }
  }

  private static float dotOne(float[] a, int aOffset, float[] b, int bOffset, int length) {
    int bound = SPECIES.loopBound(length);
    FloatVector acc = FloatVector.zero(SPECIES);
    for (int i = 0; i < bound; i += LANES) {
      acc = FloatVector.fromArray(SPECIES, a, aOffset + i)
          .fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc);
    }
    return finish(acc, a, aOffset, b, bOffset, bound, length);
  }

  /** Eight queries starting at {@code q0} against the vector at {@code v0}. */
  private static void tile8(
      float[] queries, int q0, float[] data, int v0, int dim, float[] scores, int out,
      int rowLength, float[] partial) {
    int bound = SPECIES.loopBound(dim);
    FloatVector a0 = FloatVector.zero(SPECIES);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    FloatVector a4 = a0;
    FloatVector a5 = a0;
    FloatVector a6 = a0;
    FloatVector a7 = a0;
    for (int i = 0; i < bound; i += LANES) {
      FloatVector x = FloatVector.fromArray(SPECIES, data, v0 + i);
      int qi = q0 + i;
      a0 = FloatVector.fromArray(SPECIES, queries, qi).fma(x, a0);
      a1 = FloatVector.fromArray(SPECIES, queries, qi + dim).fma(x, a1);
      a2 = FloatVector.fromArray(SPECIES, queries, qi + 2 * dim).fma(x, a2);
      a3 = FloatVector.fromArray(SPECIES, queries, qi + 3 * dim).fma(x, a3);
      a4 = FloatVector.fromArray(SPECIES, queries, qi + 4 * dim).fma(x, a4);
      a5 = FloatVector.fromArray(SPECIES, queries, qi + 5 * dim).fma(x, a5);
      a6 = FloatVector.fromArray(SPECIES, queries, qi + 6 * dim).fma(x, a6);
      a7 = FloatVector.fromArray(SPECIES, queries, qi + 7 * dim).fma(x, a7);
    }
    scores[out] = finish(a0, partial, queries, q0, data, v0, bound, dim);
    scores[out += rowLength] = finish(a1, partial, queries, q0 + dim, data, v0, bound, dim);
    scores[out += rowLength] = finish(a2, partial, queries, q0 + 2 * dim, data, v0, bound, dim);
    scores[out += rowLength] = finish(a3, partial, queries, q0 + 3 * dim, data, v0, bound, dim);
    scores[out += rowLength] = finish(a4, partial, queries, q0 + 4 * dim, data, v0, bound, dim);
    scores[out += rowLength] = finish(a5, partial, queries, q0 + 5 * dim, data, v0, bound, dim);
    scores[out += rowLength] = finish(a6, partial, queries, q0 + 6 * dim, data, v0, bound, dim);
    scores[out + rowLength] = finish(a7, partial, queries, q0 + 7 * dim, data, v0, bound, dim);
  }

  /** Four queries starting at {@code q0} against the vector at {@code v0}. */
  private static void tile4(
      float[] queries, int q0, float[] data, int v0, int dim, float[] scores, int out,
      int rowLength, float[] partial) {
    int bound = SPECIES.loopBound(dim);
    FloatVector a0 = FloatVector.zero(SPECIES);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    for (int i = 0; i < bound; i += LANES) {
      FloatVector x = FloatVector.fromArray(SPECIES, data, v0 + i);
      int qi = q0 + i;
      a0 = FloatVector.fromArray(SPECIES, queries, qi).fma(x, a0);
      a1 = FloatVector.fromArray(SPECIES, queries, qi + dim).fma(x, a1);
      a2 = FloatVector.fromArray(SPECIES, queries, qi + 2 * dim).fma(x, a2);
      a3 = FloatVector.fromArray(SPECIES, queries, qi + 3 * dim).fma(x, a3);
    }
    scores[out] = finish(a0, partial, queries, q0, data, v0, bound, dim);
    scores[out += rowLength] = finish(a1, partial, queries, q0 + dim, data, v0, bound, dim);
    scores[out += rowLength] = finish(a2, partial, queries, q0 + 2 * dim, data, v0, bound, dim);
    scores[out + rowLength] = finish(a3, partial, queries, q0 + 3 * dim, data, v0, bound, dim);
  }

  /**
   * As {@link #finish(FloatVector, float[], int, float[], int, int, int)}, through memory: cheaper
   * than shuffles when eight accumulators are reduced back to back.
   */
  private static float finish(
      FloatVector acc, float[] partial, float[] a, int aOffset, float[] b, int bOffset, int bound,
      int length) {
    acc.intoArray(partial, 0);
    float sum =
        LANES == 8
            ? ((partial[0] + partial[1]) + (partial[2] + partial[3]))
                + ((partial[4] + partial[5]) + (partial[6] + partial[7]))
            : LaneSum.pairwise(partial);
    for (int i = bound; i < length; i++) {
      sum = Math.fma(a[aOffset + i], b[bOffset + i], sum);
    }
    return sum;
  }

  /** Reduces the lanes in the shared fixed order, then adds the components past the last step. */
  private static float finish(
      FloatVector acc, float[] a, int aOffset, float[] b, int bOffset, int bound, int length) {
    acc = acc.add(acc.rearrange(SWAP_1));
    acc = acc.add(acc.rearrange(SWAP_2));
    if (LANES > 4) {
      acc = acc.add(acc.rearrange(SWAP_4));
    }
    if (LANES > 8) {
      acc = acc.add(acc.rearrange(SWAP_8));
    }
    float sum = acc.lane(0);
    for (int i = bound; i < length; i++) {
      sum = Math.fma(a[aOffset + i], b[bOffset + i], sum);
    }
    return sum;
  }
}
