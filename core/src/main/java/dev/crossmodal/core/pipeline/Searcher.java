package dev.crossmodal.core.pipeline;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.IdFilter;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.Match;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.SearchHit;
import dev.crossmodal.core.VectorIndex;
import dev.crossmodal.core.workspace.Workspace;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Answers queries against a workspace: encodes the query in its own modality, searches the
 * indexes of the target modalities (by default those of the other content kind: text finds
 * images, an image finds captions), merges the hits, and returns the stored documents with their
 * scores, best first.
 *
 * <p>Thread-safe when the model's encoders and the workspace's indexes are, as the library's own
 * are.
 *
 * <pre>{@code
 * Searcher searcher = new Searcher(workspace, model);
 * List<Match> photos = searcher.search(Document.text("q", "a dog on a beach"), 5);
 * }</pre>
 */
public final class Searcher {
  /** The largest {@code k} a search accepts. */
  public static final int MAX_K = 10_000;

  private final Workspace workspace;
  private final CrossModalModel model;

  /**
   * A searcher of {@code workspace}, encoding queries with {@code model}.
   *
   * @param workspace the workspace searched
   * @param model the model the workspace was built with, which encodes the queries
   * @throws dev.crossmodal.core.InvalidWorkspaceException if the workspace was built with another
   *     model
   */
  public Searcher(Workspace workspace, CrossModalModel model) {
    workspace.requireModel(model);
    this.workspace = workspace;
    this.model = model;
  }

  /**
   * {@return the {@code k} best matches in the modalities of the other content kind}
   *
   * @param query the query document
   * @param k how many matches at most
   */
  public List<Match> search(Document query, int k) {
    return search(query, k, defaultTargets(query.modality()), IdFilter.ALL);
  }

  /**
   * {@return the {@code k} best matches among documents of the {@code targets} modalities that pass the
   * filter}
   *
   * @param query the query document
   * @param k how many matches at most
   * @param targets the modalities searched
   * @param filter which document ids may be returned
   * @throws InvalidInputException if {@code k} is out of range, the query cannot be encoded, or a
   *     target modality has no index
   */
  public List<Match> search(Document query, int k, Set<Modality> targets, IdFilter filter) {
    if (k < 1 || k > MAX_K) {
      throw new InvalidInputException("top-k must be between 1 and " + MAX_K + ", got " + k);
    }
    if (!model.modalities().contains(query.modality())) {
      throw new InvalidInputException(
          "model " + model.id() + " cannot encode " + query.modality() + " queries");
    }
    float[] vector = model.encoder(query.modality()).encode(query);
    List<SearchHit> hits = new ArrayList<>();
    for (Modality target : targets) {
      VectorIndex index =
          workspace
              .findIndex(target)
              .orElseThrow(() -> new InvalidInputException("the workspace has no " + target + " index"));
      hits.addAll(index.search(vector, k, filter));
    }
    hits.sort(SearchHit.BEST_FIRST);
    List<Match> matches = new ArrayList<>(Math.min(k, hits.size()));
    for (SearchHit hit : hits) {
      if (matches.size() == k) {
        break;
      }
      // A vector whose document is missing belongs to an interrupted write; never show it.
      Optional<Document> document = workspace.document(hit.id());
      document.ifPresent(d -> matches.add(new Match(d, hit.score())));
    }
    return matches;
  }

  /**
   * {@return the modalities a query of {@code queryModality} searches by default: every indexed modality
   * of the other content kind, or, if there is none, the query's own}
   *
   * @param queryModality the modality of the query
   */
  public Set<Modality> defaultTargets(Modality queryModality) {
    Set<Modality> targets = new LinkedHashSet<>();
    for (Modality m : workspace.modalities()) {
      if (m.contentKind() != queryModality.contentKind()) {
        targets.add(m);
      }
    }
    if (targets.isEmpty()) {
      targets.add(queryModality);
    }
    return targets;
  }

  /** {@return the model queries are encoded with} */
  public CrossModalModel model() {
    return model;
  }

  /** {@return the workspace searched} */
  public Workspace workspace() {
    return workspace;
  }
}
