package dev.crossmodal.examples.server;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.DocumentStore;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.SearchHit;
import dev.crossmodal.core.VectorIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Cross-modal search over one index per modality and a document store: the query is encoded with
 * the model's encoder of its modality and searched in the index of the other content kind.
 *
 * <pre>{@code
 * SearchService service = new IndexSearchService(model,
 *     Map.of(Modality.IMAGE, imageIndex, Modality.TEXT, captionIndex), store);
 * }</pre>
 */
public final class IndexSearchService implements SearchService {
  private final CrossModalModel model;
  private final Map<Modality, VectorIndex> indexes;
  private final DocumentStore store;

  public IndexSearchService(
      CrossModalModel model, Map<Modality, VectorIndex> indexes, DocumentStore store) {
    this.model = Objects.requireNonNull(model, "model");
    this.indexes = Map.copyOf(indexes);
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public List<Match> search(Document query, int k) {
    Modality target =
        query.modality().contentKind() == Modality.ContentKind.TEXT ? Modality.IMAGE : Modality.TEXT;
    VectorIndex index = indexes.get(target);
    if (index == null) {
      return List.of();
    }
    float[] vector = model.encoder(query.modality()).encode(query);
    List<SearchHit> hits = index.search(vector, k);
    List<Match> matches = new ArrayList<>(hits.size());
    for (SearchHit hit : hits) {
      // An id in the index but not in the store is a half-written workspace: leave it out.
      store.get(hit.id()).ifPresent(doc -> matches.add(new Match(doc, hit.score())));
    }
    return matches;
  }

  @Override
  public Optional<Document> document(String id) {
    return store.get(id);
  }

  @Override
  public String modelId() {
    return model.id();
  }

  @Override
  public long count(Modality modality) {
    VectorIndex index = indexes.get(modality);
    return index == null ? 0 : index.size();
  }
}
