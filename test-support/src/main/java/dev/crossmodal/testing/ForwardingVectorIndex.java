package dev.crossmodal.testing;

import dev.crossmodal.core.IdFilter;
import dev.crossmodal.core.SearchHit;
import dev.crossmodal.core.VectorIndex;
import java.util.List;

/**
 * A {@link VectorIndex} that passes every call to another one, so that a test index can change
 * one behaviour (count calls, persist at commit) and inherit the rest.
 *
 * @param <I> the type of the index calls are passed to
 */
public abstract class ForwardingVectorIndex<I extends VectorIndex> implements VectorIndex {
  private final I delegate;

  /**
   * An index passing every call to {@code delegate}.
   *
   * @param delegate the index calls are passed to
   */
  protected ForwardingVectorIndex(I delegate) {
    this.delegate = delegate;
  }

  /** {@return the index calls are passed to} */
  protected final I delegate() {
    return delegate;
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
    return delegate.search(queries, k, filter);
  }

  @Override
  public List<String> ids() {
    return delegate.ids();
  }

  @Override
  public void commit() {
    delegate.commit();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
