package dev.crossmodal.index.flat;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD kernel, on the incubating Panama Vector API. Only {@link VectorKernels} refers to this
 * class, by name, so that the rest of the module loads on a JVM started without {@code
 * --add-modules jdk.incubator.vector}.
 *
 * <p>One query against many vectors is limited by memory bandwidth: four stored vectors are read per
 * step so that four independent multiply-add chains are in flight. A block of queries is limited by
 * arithmetic: tiles of four queries by two vectors keep eight accumulators in registers and load
 * each stored vector once per four queries.
 */
final class PanamaVectorKernel implements VectorKernel {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();

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
    int bound = SPECIES.loopBound(length);
    FloatVector acc = FloatVector.zero(SPECIES);
    for (int i = 0; i < bound; i += LANES) {
      acc = FloatVector.fromArray(SPECIES, a, aOffset + i)
          .fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc);
    }
    float[] partial = new float[LANES];
    return finish(acc, partial, a, aOffset, b, bOffset, bound, length);
  }

  @Override
  public void dotBlock(
      float[] queries, int queryCount, float[] data, int firstVector, int count, int dim,
      float[] scores) {
    float[] partial = new float[LANES];
    int q = 0;
    for (; q + 4 <= queryCount; q += 4) {
      int v = 0;
      for (; v + 2 <= count; v += 2) {
        tile4x2(queries, q, data, firstVector + v, dim, scores, q * count + v, count, partial);
      }
      for (; v < count; v++) {
        for (int j = 0; j < 4; j++) {
          scores[(q + j) * count + v] =
              dot(queries, (q + j) * dim, data, (firstVector + v) * dim, dim, partial);
        }
      }
    }
    for (; q < queryCount; q++) {
      int row = q * count;
      int v = 0;
      for (; v + 4 <= count; v += 4) {
        tile1x4(queries, q * dim, data, (firstVector + v) * dim, dim, scores, row + v, partial);
      }
      for (; v < count; v++) {
        scores[row + v] = dot(queries, q * dim, data, (firstVector + v) * dim, dim, partial);
      }
    }
  }

  private static float dot(
      float[] a, int aOffset, float[] b, int bOffset, int length, float[] partial) {
    int bound = SPECIES.loopBound(length);
    FloatVector acc = FloatVector.zero(SPECIES);
    for (int i = 0; i < bound; i += LANES) {
      acc = FloatVector.fromArray(SPECIES, a, aOffset + i)
          .fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc);
    }
    return finish(acc, partial, a, aOffset, b, bOffset, bound, length);
  }

  private static void tile1x4(
      float[] queries, int qOffset, float[] data, int vOffset, int dim, float[] scores, int out,
      float[] partial) {
    int bound = SPECIES.loopBound(dim);
    int o0 = vOffset;
    int o1 = vOffset + dim;
    int o2 = vOffset + 2 * dim;
    int o3 = vOffset + 3 * dim;
    FloatVector a0 = FloatVector.zero(SPECIES);
    FloatVector a1 = FloatVector.zero(SPECIES);
    FloatVector a2 = FloatVector.zero(SPECIES);
    FloatVector a3 = FloatVector.zero(SPECIES);
    for (int i = 0; i < bound; i += LANES) {
      FloatVector q = FloatVector.fromArray(SPECIES, queries, qOffset + i);
      a0 = FloatVector.fromArray(SPECIES, data, o0 + i).fma(q, a0);
      a1 = FloatVector.fromArray(SPECIES, data, o1 + i).fma(q, a1);
      a2 = FloatVector.fromArray(SPECIES, data, o2 + i).fma(q, a2);
      a3 = FloatVector.fromArray(SPECIES, data, o3 + i).fma(q, a3);
    }
    scores[out] = finish(a0, partial, queries, qOffset, data, o0, bound, dim);
    scores[out + 1] = finish(a1, partial, queries, qOffset, data, o1, bound, dim);
    scores[out + 2] = finish(a2, partial, queries, qOffset, data, o2, bound, dim);
    scores[out + 3] = finish(a3, partial, queries, qOffset, data, o3, bound, dim);
  }

  private static void tile4x2(
      float[] queries, int firstQuery, float[] data, int firstVector, int dim, float[] scores,
      int out, int rowLength, float[] partial) {
    int bound = SPECIES.loopBound(dim);
    int q0 = firstQuery * dim;
    int q1 = q0 + dim;
    int q2 = q1 + dim;
    int q3 = q2 + dim;
    int v0 = firstVector * dim;
    int v1 = v0 + dim;
    FloatVector a00 = FloatVector.zero(SPECIES);
    FloatVector a01 = FloatVector.zero(SPECIES);
    FloatVector a10 = FloatVector.zero(SPECIES);
    FloatVector a11 = FloatVector.zero(SPECIES);
    FloatVector a20 = FloatVector.zero(SPECIES);
    FloatVector a21 = FloatVector.zero(SPECIES);
    FloatVector a30 = FloatVector.zero(SPECIES);
    FloatVector a31 = FloatVector.zero(SPECIES);
    for (int i = 0; i < bound; i += LANES) {
      FloatVector x0 = FloatVector.fromArray(SPECIES, data, v0 + i);
      FloatVector x1 = FloatVector.fromArray(SPECIES, data, v1 + i);
      FloatVector y = FloatVector.fromArray(SPECIES, queries, q0 + i);
      a00 = x0.fma(y, a00);
      a01 = x1.fma(y, a01);
      y = FloatVector.fromArray(SPECIES, queries, q1 + i);
      a10 = x0.fma(y, a10);
      a11 = x1.fma(y, a11);
      y = FloatVector.fromArray(SPECIES, queries, q2 + i);
      a20 = x0.fma(y, a20);
      a21 = x1.fma(y, a21);
      y = FloatVector.fromArray(SPECIES, queries, q3 + i);
      a30 = x0.fma(y, a30);
      a31 = x1.fma(y, a31);
    }
    scores[out] = finish(a00, partial, queries, q0, data, v0, bound, dim);
    scores[out + 1] = finish(a01, partial, queries, q0, data, v1, bound, dim);
    out += rowLength;
    scores[out] = finish(a10, partial, queries, q1, data, v0, bound, dim);
    scores[out + 1] = finish(a11, partial, queries, q1, data, v1, bound, dim);
    out += rowLength;
    scores[out] = finish(a20, partial, queries, q2, data, v0, bound, dim);
    scores[out + 1] = finish(a21, partial, queries, q2, data, v1, bound, dim);
    out += rowLength;
    scores[out] = finish(a30, partial, queries, q3, data, v0, bound, dim);
    scores[out + 1] = finish(a31, partial, queries, q3, data, v1, bound, dim);
  }

  /** Reduces the lanes in the shared fixed order, then adds the components past the last full step. */
  private static float finish(
      FloatVector acc, float[] partial, float[] a, int aOffset, float[] b, int bOffset, int bound,
      int length) {
    acc.intoArray(partial, 0);
    float sum = LaneSum.pairwise(partial);
    for (int i = bound; i < length; i++) {
      sum = Math.fma(a[aOffset + i], b[bOffset + i], sum);
    }
    return sum;
  }
}
