package dev.crossmodal.core.fakes;

import dev.crossmodal.core.IdFilter;
import dev.crossmodal.core.SearchHit;
import dev.crossmodal.core.VectorIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The simplest correct index, for tests of what is built on top of indexes. */
public final class BruteForceIndex implements VectorIndex {
  private final int dimension;
  private final Map<String, float[]> vectors = new ConcurrentHashMap<>();
  public final java.util.concurrent.atomic.AtomicInteger batchedSearches = new java.util.concurrent.atomic.AtomicInteger();

  public BruteForceIndex(int dimension) {
    this.dimension = dimension;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public long size() {
    return vectors.size();
  }

  @Override
  public void upsert(String id, float[] vector) {
    vectors.put(id, vector.clone());
  }

  @Override
  public boolean delete(String id) {
    return vectors.remove(id) != null;
  }

  @Override
  public boolean contains(String id) {
    return vectors.containsKey(id);
  }

  @Override
  public List<SearchHit> search(float[] query, int k, IdFilter filter) {
    List<SearchHit> hits = new ArrayList<>();
    vectors.forEach(
        (id, v) -> {
          if (filter.accept(id)) {
            float dot = 0;
            for (int i = 0; i < dimension; i++) {
              dot += query[i] * v[i];
            }
            hits.add(new SearchHit(id, dot));
          }
        });
    hits.sort(SearchHit.BEST_FIRST);
    return List.copyOf(hits.subList(0, Math.min(k, hits.size())));
  }

  @Override
  public List<List<SearchHit>> search(float[][] queries, int k, IdFilter filter) {
    batchedSearches.incrementAndGet();
    return VectorIndex.super.search(queries, k, filter);
  }

  @Override
  public List<String> ids() {
    return List.copyOf(vectors.keySet());
  }

  @Override
  public void commit() {}

  @Override
  public void close() {}
}
