package dev.crossmodal.core.memory;

import dev.crossmodal.core.IdFilter;
import dev.crossmodal.core.SearchHit;
import dev.crossmodal.core.VectorIndex;
import dev.crossmodal.core.VectorIndexFactory;
import dev.crossmodal.core.VectorNorms;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A plain, unoptimised {@link VectorIndex} held in a map: the reference the fast indexes are
 * tested against, and the index of in-memory workspaces in host applications' unit tests.
 *
 * <pre>{@code
 * VectorIndex index = new InMemoryVectorIndex(3);
 * index.upsert("a", new float[] {1, 0, 0});
 * index.search(new float[] {1, 0, 0}, 1); // [SearchHit[id=a, score=1.0]]
 * }</pre>
 */
public final class InMemoryVectorIndex implements VectorIndex {
  private final int dimension;
  private final Map<String, float[]> vectors = new LinkedHashMap<>();

  /**
   * An empty index of vectors of {@code dimension} components.
   *
   * @param dimension the number of components of every vector
   */
  public InMemoryVectorIndex(int dimension) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be positive, got " + dimension);
    }
    this.dimension = dimension;
  }

  /** {@return a factory that ignores the path: every workspace index lives only in memory} */
  public static VectorIndexFactory factory() {
    return new VectorIndexFactory() {
      @Override
      public String name() {
        return "memory";
      }

      @Override
      public VectorIndex openOrCreate(Path path, int dim) {
        return new InMemoryVectorIndex(dim);
      }
    };
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public synchronized long size() {
    return vectors.size();
  }

  @Override
  public synchronized void upsert(String id, float[] vector) {
    vectors.put(id, VectorNorms.checkedUnit("vector for id '" + id + "'", vector, dimension));
  }

  @Override
  public synchronized boolean delete(String id) {
    return vectors.remove(id) != null;
  }

  @Override
  public synchronized boolean contains(String id) {
    return vectors.containsKey(id);
  }

  @Override
  public synchronized List<SearchHit> search(float[] query, int k, IdFilter filter) {
    float[] q = VectorNorms.checkedUnit("query vector", query, dimension);
    if (k <= 0) {
      return List.of();
    }
    // Worst of the current best at the head, so it can be replaced.
    PriorityQueue<SearchHit> best = new PriorityQueue<>(SearchHit.BEST_FIRST.reversed());
    for (Map.Entry<String, float[]> e : vectors.entrySet()) {
      if (!filter.accept(e.getKey())) {
        continue;
      }
      float score = 0;
      float[] v = e.getValue();
      for (int i = 0; i < dimension; i++) {
        score += q[i] * v[i];
      }
      best.add(new SearchHit(e.getKey(), score));
      if (best.size() > k) {
        best.poll();
      }
    }
    List<SearchHit> hits = new ArrayList<>(best);
    hits.sort(SearchHit.BEST_FIRST);
    return hits;
  }

  /**
   * {@return a copy of the stored (unit-length) vector, if the id is present}
   *
   * @param id the document id
   */
  public synchronized java.util.Optional<float[]> vector(String id) {
    float[] v = vectors.get(id);
    return v == null ? java.util.Optional.empty() : java.util.Optional.of(v.clone());
  }

  @Override
  public synchronized List<String> ids() {
    return List.copyOf(vectors.keySet());
  }

  @Override
  public void commit() {}

  @Override
  public void close() {}
}
