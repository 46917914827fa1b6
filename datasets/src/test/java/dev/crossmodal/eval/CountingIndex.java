package dev.crossmodal.eval;

import dev.crossmodal.core.IdFilter;
import dev.crossmodal.core.SearchHit;
import dev.crossmodal.core.memory.InMemoryVectorIndex;
import dev.crossmodal.testing.ForwardingVectorIndex;
import java.util.List;

/** An in-memory index that counts batched searches, to see that evaluation uses them. */
final class CountingIndex extends ForwardingVectorIndex<InMemoryVectorIndex> {
  int batchedSearches;

  CountingIndex(int dimension) {
    super(new InMemoryVectorIndex(dimension));
  }

  @Override
  public List<List<SearchHit>> search(float[][] queries, int k, IdFilter filter) {
    batchedSearches++;
    return super.search(queries, k, filter);
  }
}
