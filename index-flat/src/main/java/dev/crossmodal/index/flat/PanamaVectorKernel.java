package dev.crossmodal.index.flat;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
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

  /** Bytes widened to one float vector per step; null where no byte shape is that narrow. */
  private static final VectorSpecies<Byte> CODE_SPECIES =
      LANES >= 8 ? VectorSpecies.of(byte.class, VectorShape.forBitSize(LANES * 8)) : null;
  /** Stored vectors per panel: two float vectors' worth, so a tile holds 2 x 6 accumulators. */
  private static final int PANEL = 2 * LANES;
  private static final ValueLayout.OfFloat FLOAT =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ThreadLocal<byte[]> PANEL_BYTES = ThreadLocal.withInitial(() -> new byte[0]);
  private static final ThreadLocal<float[]> PANEL_FLOATS =
      ThreadLocal.withInitial(() -> new float[0]);

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

  @Override
  public float dot(float[] query, int queryOffset, MemorySegment data, long vector, int dim) {
    long base = vector * dim * Float.BYTES;
    int bound = SPECIES.loopBound(dim);
    FloatVector acc = FloatVector.zero(SPECIES);
    for (int i = 0; i < bound; i += LANES) {
      acc = FloatVector.fromArray(SPECIES, query, queryOffset + i)
          .fma(
              FloatVector.fromMemorySegment(
                  SPECIES, data, base + (long) i * Float.BYTES, ByteOrder.LITTLE_ENDIAN),
              acc);
    }
    acc = acc.add(acc.rearrange(SWAP_1));
    acc = acc.add(acc.rearrange(SWAP_2));
    if (LANES > 4) {
      acc = acc.add(acc.rearrange(SWAP_4));
    }
    if (LANES > 8) {
      acc = acc.add(acc.rearrange(SWAP_8));
    }
    float sum = acc.lane(0);
    for (int i = bound; i < dim; i++) {
      sum = Math.fma(query[queryOffset + i], data.get(FLOAT, base + (long) i * Float.BYTES), sum);
    }
    return sum;
  }

  @Override
  public int scratchFloats(int dim) {
    return PANEL * dim + PANEL;
  }

  @Override
  public void approximateBlock(
      float[] queries, int queryCount, MemorySegment data, boolean codes, long firstVector,
      int count, int dim, float[] scratch, float[] scores) {
    if (queryCount == 1 && codes && CODE_SPECIES != null) {
      // One query is bound by memory: stream the codes once, widening them in registers.
      for (int v = 0; v < count; v++) {
        scores[v] = dotCodes(queries, data, (firstVector + v) * dim, dim);
      }
      return;
    }
    if (queryCount == 1) {
      for (int v = 0; v < count; v++) {
        scores[v] = dot(queries, 0, data, firstVector + v, dim);
      }
      return;
    }
    // Several queries are bound by arithmetic: widen PANEL stored vectors into a transposed
    // panel once, then run every query against it in register tiles of 6 queries x PANEL vectors
    // (12 accumulators, each multiply-add fed by one broadcast), as a BLAS sgemm kernel does.
    int tail = PANEL * dim;
    for (int v0 = 0; v0 < count; v0 += PANEL) {
      int n = Math.min(PANEL, count - v0);
      fillPanel(data, codes, firstVector + v0, n, dim, scratch);
      int q = 0;
      for (; q + 6 <= queryCount; q += 6) {
        tile6(queries, q, dim, scratch, scores, count, v0, n, tail);
      }
      for (; q < queryCount; q++) {
        tile1(queries, q, dim, scratch, scores, count, v0, n, tail);
      }
    }
  }

  private static float dotCodes(float[] query, MemorySegment codes, long offset, int dim) {
    int bound = SPECIES.loopBound(dim);
    FloatVector acc0 = FloatVector.zero(SPECIES);
    FloatVector acc1 = acc0;
    int i = 0;
    for (; i + 2 * LANES <= bound; i += 2 * LANES) {
      FloatVector x0 = (FloatVector) ByteVector.fromMemorySegment(
              CODE_SPECIES, codes, offset + i, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, SPECIES, 0);
      FloatVector x1 = (FloatVector) ByteVector.fromMemorySegment(
              CODE_SPECIES, codes, offset + i + LANES, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, SPECIES, 0);
      acc0 = FloatVector.fromArray(SPECIES, query, i).fma(x0, acc0);
      acc1 = FloatVector.fromArray(SPECIES, query, i + LANES).fma(x1, acc1);
    }
    for (; i < bound; i += LANES) {
      FloatVector x = (FloatVector) ByteVector.fromMemorySegment(
              CODE_SPECIES, codes, offset + i, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, SPECIES, 0);
      acc0 = FloatVector.fromArray(SPECIES, query, i).fma(x, acc0);
    }
    float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    for (; i < dim; i++) {
      sum = Math.fma(query[i], codes.get(ValueLayout.JAVA_BYTE, offset + i), sum);
    }
    return sum;
  }

  /**
   * Component i of stored vector firstVector + j goes to scratch[i * PANEL + j]; zero pads. The
   * vectors are first copied out of the mapping in one bulk copy, since element-wise reads of a
   * memory segment cost a bounds and liveness check each.
   */
  private static void fillPanel(
      MemorySegment data, boolean codes, long firstVector, int n, int dim, float[] scratch) {
    int values = n * dim;
    if (codes) {
      byte[] bytes = PANEL_BYTES.get();
      if (bytes.length < values) {
        bytes = new byte[PANEL * dim];
        PANEL_BYTES.set(bytes);
      }
      MemorySegment.copy(data, ValueLayout.JAVA_BYTE, firstVector * dim, bytes, 0, values);
      for (int j = 0; j < n; j++) {
        for (int i = 0, from = j * dim, to = j; i < dim; i++, to += PANEL) {
          scratch[to] = bytes[from + i];
        }
      }
    } else {
      float[] floats = PANEL_FLOATS.get();
      if (floats.length < values) {
        floats = new float[PANEL * dim];
        PANEL_FLOATS.set(floats);
      }
      MemorySegment.copy(data, FLOAT, firstVector * dim * Float.BYTES, floats, 0, values);
      for (int j = 0; j < n; j++) {
        for (int i = 0, from = j * dim, to = j; i < dim; i++, to += PANEL) {
          scratch[to] = floats[from + i];
        }
      }
    }
    for (int j = n; j < PANEL; j++) {
      for (int i = 0, to = j; i < dim; i++, to += PANEL) {
        scratch[to] = 0f;
      }
    }
  }

  private static void tile6(
      float[] queries, int q, int dim, float[] panel, float[] scores, int count, int v0, int n,
      int tail) {
    FloatVector c00 = FloatVector.zero(SPECIES);
    FloatVector c01 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    FloatVector c40 = c00;
    FloatVector c41 = c00;
    FloatVector c50 = c00;
    FloatVector c51 = c00;
    int r0 = q * dim;
    int r1 = r0 + dim;
    int r2 = r1 + dim;
    int r3 = r2 + dim;
    int r4 = r3 + dim;
    int r5 = r4 + dim;
    for (int i = 0, p = 0; i < dim; i++, p += PANEL) {
      FloatVector x0 = FloatVector.fromArray(SPECIES, panel, p);
      FloatVector x1 = FloatVector.fromArray(SPECIES, panel, p + LANES);
      FloatVector b = FloatVector.broadcast(SPECIES, queries[r0 + i]);
      c00 = b.fma(x0, c00);
      c01 = b.fma(x1, c01);
      b = FloatVector.broadcast(SPECIES, queries[r1 + i]);
      c10 = b.fma(x0, c10);
      c11 = b.fma(x1, c11);
      b = FloatVector.broadcast(SPECIES, queries[r2 + i]);
      c20 = b.fma(x0, c20);
      c21 = b.fma(x1, c21);
      b = FloatVector.broadcast(SPECIES, queries[r3 + i]);
      c30 = b.fma(x0, c30);
      c31 = b.fma(x1, c31);
      b = FloatVector.broadcast(SPECIES, queries[r4 + i]);
      c40 = b.fma(x0, c40);
      c41 = b.fma(x1, c41);
      b = FloatVector.broadcast(SPECIES, queries[r5 + i]);
      c50 = b.fma(x0, c50);
      c51 = b.fma(x1, c51);
    }
    store(c00, c01, panel, tail, scores, q * count + v0, n);
    store(c10, c11, panel, tail, scores, (q + 1) * count + v0, n);
    store(c20, c21, panel, tail, scores, (q + 2) * count + v0, n);
    store(c30, c31, panel, tail, scores, (q + 3) * count + v0, n);
    store(c40, c41, panel, tail, scores, (q + 4) * count + v0, n);
    store(c50, c51, panel, tail, scores, (q + 5) * count + v0, n);
  }

  private static void tile1(
      float[] queries, int q, int dim, float[] panel, float[] scores, int count, int v0, int n,
      int tail) {
    FloatVector c0 = FloatVector.zero(SPECIES);
    FloatVector c1 = c0;
    int r = q * dim;
    for (int i = 0, p = 0; i < dim; i++, p += PANEL) {
      FloatVector b = FloatVector.broadcast(SPECIES, queries[r + i]);
      c0 = b.fma(FloatVector.fromArray(SPECIES, panel, p), c0);
      c1 = b.fma(FloatVector.fromArray(SPECIES, panel, p + LANES), c1);
    }
    store(c0, c1, panel, tail, scores, q * count + v0, n);
  }

  /** Writes the first n of the 2 x LANES results to scores[out..]. */
  private static void store(
      FloatVector c0, FloatVector c1, float[] panel, int tail, float[] scores, int out, int n) {
    if (n == PANEL) {
      c0.intoArray(scores, out);
      c1.intoArray(scores, out + LANES);
      return;
    }
    c0.intoArray(panel, tail);
    c1.intoArray(panel, tail + LANES);
    System.arraycopy(panel, tail, scores, out, n);
  }
}
