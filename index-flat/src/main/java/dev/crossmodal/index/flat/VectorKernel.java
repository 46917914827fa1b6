package dev.crossmodal.index.flat;

import java.lang.foreign.MemorySegment;

/**
 * The arithmetic of a flat index: inner products of float vectors, one query against many stored
 * vectors or a block of queries against a block of stored vectors.
 *
 * <p>Stored vectors lie back to back in one {@code float[]}: vector {@code i} of dimension {@code
 * dim} starts at {@code i * dim}. Every implementation computes each inner product in the same
 * order of operations (fused multiply-adds in {@link #lanes()} interleaved partial sums, a fixed
 * pairwise reduction, then the remaining components one by one), so all implementations with the
 * same lane count return bit-identical scores and therefore identical top-k lists, ties included.
 *
 * <pre>{@code
 * VectorKernel kernel = VectorKernels.get();
 * float[] scores = new float[count];
 * kernel.dotBlock(query, 1, vectors, 0, count, dim, scores);
 * }</pre>
 */
public interface VectorKernel {

  /** {@return a short name for logs and benchmark output: {@code panama} or {@code scalar}} */
  String name();

  /** {@return the number of interleaved partial sums, which fixes the order of operations} */
  int lanes();

  /**
   * {@return the inner product of {@code a[aOffset..aOffset+length)} and {@code b[bOffset..)}}
   *
   * @param a the first vector's array
   * @param aOffset where the first vector starts in {@code a}
   * @param b the second vector's array
   * @param bOffset where the second vector starts in {@code b}
   * @param length the number of components
   */
  float dot(float[] a, int aOffset, float[] b, int bOffset, int length);

  /**
   * Scores {@code queryCount} queries against {@code count} stored vectors in one pass over them.
   *
   * @param queryCount the number of queries
   * @param count the number of stored vectors to score
   * @param dim the vector dimension
   * @param queries {@code queryCount} queries of dimension {@code dim}, back to back from index 0
   * @param data stored vectors, back to back
   * @param firstVector index in {@code data} (in vectors, not floats) of the first vector to score
   * @param scores receives the score of query {@code q} and vector {@code firstVector + v} at
   *     {@code q * count + v}
   */
  void dotBlock(
      float[] queries, int queryCount, float[] data, int firstVector, int count, int dim,
      float[] scores);

  /**
   * As {@link #dot(float[], int, float[], int, int)} with the stored vector read from memory
   * (little-endian floats), in the same order of operations: a vector scores the same bits
   * whether it lies in a heap array or a mapped file.
   *
   * @param query the query's array
   * @param queryOffset where the query starts in {@code query}
   * @param dim the vector dimension
   * @return the inner product
   * @param data stored vectors back to back
   * @param vector index (in vectors) of the stored vector in {@code data}
   */
  float dot(float[] query, int queryOffset, MemorySegment data, long vector, int dim);

  /**
   * Approximate inner products of {@code queryCount} queries with {@code count} stored vectors,
   * for the pre-selection pass of a search: the sum of the products may be taken in any order, so
   * each result is within {@code dim} units in the last place (relative to the sum of the absolute
   * products) of the exact value, and callers re-score the candidates with {@link #dot}.
   *
   * @param queries {@code queryCount} queries of dimension {@code dim}, back to back from index 0
   * @param queryCount the number of queries
   * @param codes whether {@code data} holds int8 codes rather than floats
   * @param firstVector index (in vectors) of the first vector to score
   * @param count the number of stored vectors to score
   * @param dim the vector dimension
   * @param data stored vectors back to back: little-endian floats, or signed bytes when {@code
   *     codes} is true (int8 codes whose products with the queries are summed unscaled)
   * @param scratch at least {@link #scratchFloats(int)} floats the kernel may overwrite
   * @param scores receives the result for query {@code q} and vector {@code firstVector + v} at
   *     {@code q * count + v}
   */
  void approximateBlock(
      float[] queries, int queryCount, MemorySegment data, boolean codes, long firstVector,
      int count, int dim, float[] scratch, float[] scores);

  /**
   * {@return the scratch space {@link #approximateBlock} needs for vectors of {@code dim} components}
   *
   * @param dim the vector dimension
   */
  int scratchFloats(int dim);
}
