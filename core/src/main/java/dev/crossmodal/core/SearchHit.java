package dev.crossmodal.core;

import java.util.Comparator;
import java.util.Objects;

/**
 * One result of a vector search: a document id and its cosine similarity to the query.
 *
 * @param id the document id
 * @param score cosine similarity in [-1, 1]; higher is closer
 */
public record SearchHit(String id, float score) {
  /** Best first; equal scores are ordered by id so that results are deterministic. */
  public static final Comparator<SearchHit> BEST_FIRST =
      Comparator.comparingDouble((SearchHit h) -> -h.score).thenComparing(SearchHit::id);

  /** Refuses a null id. */
  public SearchHit {
    Objects.requireNonNull(id, "id");
  }
}
