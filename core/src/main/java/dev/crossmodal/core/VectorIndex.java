package dev.crossmodal.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Nearest-neighbour search by cosine similarity over vectors keyed by document id.
 *
 * <p>The contract speaks only of ids, vectors and hits, never of positions in an array, so that an
 * index can live in another process. Implementations normalise vectors on the way in and refuse
 * vectors of the wrong dimension or with zero, NaN or infinite values ({@link
 * InvalidInputException}). All methods are safe to call concurrently; a search sees a consistent
 * snapshot.
 *
 * <pre>{@code
 * index.upsert("img-1", vector);
 * List<SearchHit> best = index.search(query, 10, IdFilter.ALL);
 * index.commit();
 * }</pre>
 */
public interface VectorIndex extends AutoCloseable {

  /** {@return the dimension of every vector in this index} */
  int dimension();

  /** {@return the number of live (not deleted) vectors} */
  long size();

  /**
   * Adds a vector, or replaces the vector stored under the same id.
   *
   * @param id the document id the vector belongs to
   * @param vector the vector, of the index's dimension
   */
  void upsert(String id, float[] vector);

  /**
   * Adds or replaces several vectors; {@code ids.size()} must equal {@code vectors.length}.
   *
   * @param ids the document ids, one per vector
   * @param vectors the vectors, of the index's dimension
   */
  default void upsertAll(List<String> ids, float[][] vectors) {
    if (ids.size() != vectors.length) {
      throw new IllegalArgumentException(
          ids.size() + " ids but " + vectors.length + " vectors");
    }
    for (int i = 0; i < vectors.length; i++) {
      upsert(ids.get(i), vectors[i]);
    }
  }

  /**
   * Removes a vector; returns whether it was present.
   *
   * @param id the document id
   * @return whether a vector was stored under {@code id}
   */
  boolean delete(String id);

  /**
   * {@return whether a live vector is stored under this id}
   *
   * @param id the document id
   */
  boolean contains(String id);

  /**
   * {@return the {@code k} stored vectors most similar to {@code query}, best first, ties broken by id}
   * Fewer than {@code k} hits are returned when fewer vectors pass the filter.
   *
   * @param query a unit-length vector of the index's dimension
   * @param k how many hits at most
   * @param filter which ids may be returned
   */
  List<SearchHit> search(float[] query, int k, IdFilter filter);

  /**
   * {@link #search(float[], int, IdFilter)} without a filter.
   *
   * @param query a unit-length vector of the index's dimension
   * @param k how many hits at most
   * @return the {@code k} most similar stored vectors, best first
   */
  default List<SearchHit> search(float[] query, int k) {
    return search(query, k, IdFilter.ALL);
  }

  /**
   * Searches several queries; implementations may score them together in one pass.
   *
   * @param queries unit-length vectors of the index's dimension
   * @param k how many hits at most per query
   * @param filter which ids may be returned
   * @return one list of hits per query, in query order, each as {@link #search(float[], int,
   *     IdFilter)}
   */
  default List<List<SearchHit>> search(float[][] queries, int k, IdFilter filter) {
    List<List<SearchHit>> results = new ArrayList<>(queries.length);
    for (float[] query : queries) {
      results.add(search(query, k, filter));
    }
    return results;
  }

  /**
   * {@return every live id, in no particular order (for reconciliation with the document store)}
   */
  List<String> ids();

  /**
   * Makes every change so far durable. In-memory indexes do nothing; file-backed ones write
   * atomically, so that a crash leaves either the old or the new state.
   */
  void commit();

  @Override
  void close();
}
