package dev.crossmodal.index.solr;

import dev.crossmodal.core.IdFilter;
import dev.crossmodal.core.SearchHit;
import dev.crossmodal.core.VectorIndex;
import dev.crossmodal.core.VectorNorms;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.CursorMarkParams;

/**
 * The vectors of one modality of a workspace, in a SolrCloud collection: searched by Solr's HNSW
 * ({@code {!knn}}) with the modality and any id filter as pre-filters.
 *
 * <p>Solr's {@code topK} applies per shard: each shard returns its own best {@code topK}, and
 * Solr merges them by score, so asking every shard for at least {@code k} gives the global top
 * {@code k} (as far as each shard's HNSW search finds its own). Writes are sent in batches;
 * {@link #commit()} is a Solr hard commit, and a search after uncommitted writes first makes them
 * visible with a soft commit, so the index reads its own writes as the other indexes do.
 *
 * <pre>{@code
 * try (SolrCluster cluster = SolrCluster.connect(SolrIndexConfig.builder("localhost:9983", "photos").build())) {
 *   cluster.ensureCollection(512);
 *   VectorIndex images = new SolrVectorIndex(cluster, "image", 512);
 *   images.upsert("img-1", vector);
 *   images.commit();
 *   List<SearchHit> best = images.search(query, 10);
 * }
 * }</pre>
 */
public final class SolrVectorIndex implements VectorIndex {
  private static final String KEY = "key";
  private static final String DOC_ID = "doc_id";
  private static final String MODALITY = "modality";
  private static final String VECTOR = "vector";
  private static final int ID_PAGE = 5000;
  /** Separates ids in a terms filter; ids that contain it are filtered in the client instead. */
  private static final String ID_SEPARATOR = "\u0001";

  private final SolrCluster cluster;
  private final String collection;
  private final String modality;
  private final int dimension;
  private final List<SolrInputDocument> pendingAdds = new ArrayList<>();
  private final List<String> pendingDeletes = new ArrayList<>();
  private final boolean ownsCluster;
  private boolean unseenWrites;

  /**
   * An index over the {@code modality} documents of the cluster's collection (which must exist,
   * see {@link SolrCluster#ensureCollection(int)}).
   *
   * @param cluster the connected cluster
   * @param modality the name of the modality whose documents the index holds
   * @param dimension the vector dimension
   */
  public SolrVectorIndex(SolrCluster cluster, String modality, int dimension) {
    this(cluster, modality, dimension, false);
  }

  /** As above; when {@code ownsCluster}, {@link #close()} also closes the connection. */
  SolrVectorIndex(SolrCluster cluster, String modality, int dimension, boolean ownsCluster) {
    this.ownsCluster = ownsCluster;
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.collection = cluster.config().collection();
    this.modality = Objects.requireNonNull(modality, "modality");
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be positive, got " + dimension);
    }
    this.dimension = dimension;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public synchronized long size() {
    makeWritesVisible();
    SolrQuery query = new SolrQuery("*:*");
    query.addFilterQuery(modalityFilter());
    query.setRows(0);
    return query(query).getResults().getNumFound();
  }

  @Override
  public synchronized void upsert(String id, float[] vector) {
    float[] unit = VectorNorms.checkedUnit("vector for id '" + id + "'", vector, dimension);
    pendingDeletes.remove(key(id));
    SolrInputDocument doc = new SolrInputDocument();
    doc.addField(KEY, key(id));
    doc.addField(DOC_ID, id);
    doc.addField(MODALITY, modality);
    List<Float> values = new ArrayList<>(dimension);
    for (float v : unit) {
      values.add(v);
    }
    doc.addField(VECTOR, values);
    pendingAdds.add(doc);
    if (pendingAdds.size() >= cluster.config().updateBatchSize()) {
      flush();
    }
  }

  @Override
  public synchronized boolean delete(String id) {
    if (!contains(id)) {
      return false;
    }
    pendingDeletes.add(key(id));
    flush();
    return true;
  }

  @Override
  public synchronized boolean contains(String id) {
    flush();
    try {
      return cluster.client().getById(collection, key(id)) != null;
    } catch (SolrServerException | IOException e) {
      throw cluster.unreachable(e);
    }
  }

  @Override
  public synchronized List<SearchHit> search(float[] query, int k, IdFilter filter) {
    float[] q = VectorNorms.checkedUnit("query vector", query, dimension);
    if (k <= 0) {
      return List.of();
    }
    makeWritesVisible();
    String termsFilter = termsFilter(filter);
    boolean filteredBySolr = termsFilter != null || filter == IdFilter.ALL;
    int breadth = Math.max(k, cluster.config().searchBreadth());
    while (true) {
      SolrQuery request = knnQuery(q, breadth, filteredBySolr ? k : breadth, termsFilter);
      QueryResponse response = query(request);
      List<SearchHit> hits = new ArrayList<>();
      for (SolrDocument doc : response.getResults()) {
        String id = (String) doc.getFieldValue(DOC_ID);
        if (filteredBySolr || filter.accept(id)) {
          // Solr scores cosine as (1 + cos) / 2.
          float score = ((Number) doc.getFieldValue("score")).floatValue() * 2f - 1f;
          hits.add(new SearchHit(id, score));
        }
      }
      hits.sort(SearchHit.BEST_FIRST);
      boolean exhausted = response.getResults().size() < breadth;
      if (filteredBySolr || hits.size() >= k || exhausted) {
        return List.copyOf(hits.subList(0, Math.min(k, hits.size())));
      }
      // A filter Solr cannot evaluate rejected too many: look further.
      breadth *= 4;
    }
  }

  @Override
  public synchronized List<String> ids() {
    makeWritesVisible();
    List<String> ids = new ArrayList<>();
    String cursor = CursorMarkParams.CURSOR_MARK_START;
    while (true) {
      SolrQuery query = new SolrQuery("*:*");
      query.addFilterQuery(modalityFilter());
      query.setFields(DOC_ID);
      query.setRows(ID_PAGE);
      query.setSort(KEY, SolrQuery.ORDER.asc);
      query.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
      QueryResponse response = query(query);
      for (SolrDocument doc : response.getResults()) {
        ids.add((String) doc.getFieldValue(DOC_ID));
      }
      String next = response.getNextCursorMark();
      if (next == null || next.equals(cursor)) {
        return ids;
      }
      cursor = next;
    }
  }

  @Override
  public synchronized void commit() {
    flush();
    try {
      cluster.client().commit(collection, true, true);
      unseenWrites = false;
    } catch (SolrServerException | IOException e) {
      throw cluster.unreachable(e);
    }
  }

  /**
   * Sends buffered writes (uncommitted ones become durable at Solr's next commit). The connection
   * stays open unless this index was opened by {@link SolrIndexFactory}, which gives each index
   * its own.
   */
  @Override
  public synchronized void close() {
    try {
      flush();
    } finally {
      if (ownsCluster) {
        cluster.close();
      }
    }
  }

  private SolrQuery knnQuery(float[] q, int topK, int rows, String termsFilter) {
    StringBuilder vector = new StringBuilder(dimension * 12).append('[');
    for (int i = 0; i < q.length; i++) {
      if (i > 0) {
        vector.append(',');
      }
      vector.append(q[i]);
    }
    vector.append(']');
    SolrQuery query = new SolrQuery("{!knn f=" + VECTOR + " topK=" + topK + "}" + vector);
    query.addFilterQuery(modalityFilter());
    if (termsFilter != null) {
      query.addFilterQuery(termsFilter);
    }
    query.setFields(DOC_ID, "score");
    query.setRows(rows);
    query.addSort("score", SolrQuery.ORDER.desc);
    query.addSort(DOC_ID, SolrQuery.ORDER.asc);
    return query;
  }

  /** A Solr filter for ids named by {@link IdFilter#only}/{@link IdFilter#except}, else null. */
  private static String termsFilter(IdFilter filter) {
    if (filter instanceof IdFilter.Only only) {
      return terms(only.ids(), false);
    }
    if (filter instanceof IdFilter.Except except) {
      return terms(except.ids(), true);
    }
    return null;
  }

  private static String terms(Set<String> ids, boolean negate) {
    if (ids.stream().anyMatch(id -> id.contains(ID_SEPARATOR) || id.contains("}"))) {
      return null;
    }
    if (ids.isEmpty()) {
      return negate ? "*:*" : "-*:*";
    }
    String terms = "{!terms f=" + DOC_ID + " separator=" + ID_SEPARATOR + "}" + String.join(ID_SEPARATOR, ids);
    return negate ? "*:* -_query_:\"" + terms.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : terms;
  }

  private String modalityFilter() {
    return MODALITY + ":" + org.apache.solr.client.solrj.util.ClientUtils.escapeQueryChars(modality);
  }

  private String key(String id) {
    return modality + "/" + id;
  }

  private void flush() {
    try {
      if (!pendingAdds.isEmpty()) {
        cluster.client().add(collection, pendingAdds);
        pendingAdds.clear();
        unseenWrites = true;
      }
      if (!pendingDeletes.isEmpty()) {
        cluster.client().deleteById(collection, List.copyOf(pendingDeletes));
        pendingDeletes.clear();
        unseenWrites = true;
      }
    } catch (SolrServerException | IOException e) {
      throw cluster.unreachable(e);
    }
  }

  private void makeWritesVisible() {
    flush();
    if (unseenWrites) {
      try {
        cluster.client().commit(collection, true, true, true);
        unseenWrites = false;
      } catch (SolrServerException | IOException e) {
        throw cluster.unreachable(e);
      }
    }
  }

  private QueryResponse query(SolrQuery query) {
    try {
      return cluster.client().query(collection, query, org.apache.solr.client.solrj.SolrRequest.METHOD.POST);
    } catch (SolrServerException | IOException e) {
      throw cluster.unreachable(e);
    }
  }

  @Override
  public String toString() {
    return "SolrVectorIndex{" + modality + " in " + cluster.config() + "}";
  }

}
