package dev.crossmodal.core.eval;

import dev.crossmodal.core.IdFilter;
import dev.crossmodal.core.SearchHit;
import dev.crossmodal.core.VectorIndex;
import dev.crossmodal.core.memory.InMemoryVectorIndex;
import java.util.List;

/** An in-memory index that counts batched searches, to see that evaluation uses them. */
final class CountingIndex implements VectorIndex {
  private final VectorIndex delegate;
  int batchedSearches;

  CountingIndex(int dimension) {
    this.delegate = new InMemoryVectorIndex(dimension);
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public long size() {
    return delegate.size();
  }

  @Override
  public void upsert(String id, float[] vector) {
    delegate.upsert(id, vector);
  }

  @Override
  public boolean delete(String id) {
    return delegate.delete(id);
  }

  @Override
  public boolean contains(String id) {
    return delegate.contains(id);
  }

  @Override
  public List<SearchHit> search(float[] query, int k, IdFilter filter) {
    return delegate.search(query, k, filter);
  }

  @Override
  public List<List<SearchHit>> search(float[][] queries, int k, IdFilter filter) {
    batchedSearches++;
    return delegate.search(queries, k, filter);
  }

  @Override
  public List<String> ids() {
    return delegate.ids();
  }

  @Override
  public void commit() {}

  @Override
  public void close() {
    delegate.close();
  }
}
