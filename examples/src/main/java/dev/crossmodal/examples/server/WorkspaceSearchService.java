package dev.crossmodal.examples.server;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.IdFilter;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.VectorIndex;
import dev.crossmodal.core.Match;
import dev.crossmodal.core.pipeline.Searcher;
import dev.crossmodal.core.workspace.Workspace;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The server's backend over a workspace: searches with the core {@link Searcher} (text finds
 * images, an image finds captions) and looks documents up in the workspace's store.
 *
 * <pre>{@code
 * SearchService service = new WorkspaceSearchService(new Searcher(workspace, model));
 * }</pre>
 */
public final class WorkspaceSearchService implements SearchService {
  private final Searcher searcher;
  private final Workspace workspace;

  public WorkspaceSearchService(Searcher searcher) {
    this.searcher = searcher;
    this.workspace = searcher.workspace();
  }

  @Override
  public List<Match> search(Document query, int k) {
    return searcher.search(query, k);
  }

  @Override
  public List<Match> search(
      Document query, int k, Optional<Modality.ContentKind> returns, double minScore) {
    Set<Modality> targets;
    if (returns.isEmpty()) {
      targets = searcher.defaultTargets(query.modality());
    } else {
      targets = new LinkedHashSet<>();
      for (Modality m : workspace.modalities()) {
        if (m.contentKind() == returns.get()) {
          targets.add(m);
        }
      }
      if (targets.isEmpty()) {
        return List.of();
      }
    }
    // Scores are floats, and a client sets the cut-off from the float it was shown: compare as
    // floats, so that min_score equal to a shown score keeps that match. Matches come best
    // first, so the cut-off keeps a prefix of the k best.
    float cut = (float) Math.max(minScore, -Float.MAX_VALUE);
    return searcher.search(query, k, targets, IdFilter.ALL).stream()
        .filter(m -> m.score() >= cut)
        .toList();
  }

  @Override
  public Optional<Document> document(String id) {
    return workspace.document(id);
  }

  @Override
  public String modelId() {
    return searcher.model().id();
  }

  @Override
  public Optional<dev.crossmodal.core.ScoreCalibration> scoreCalibration() {
    return searcher.model().scoreCalibration();
  }

  @Override
  public long count(Modality modality) {
    return workspace.findIndex(modality).map(VectorIndex::size).orElse(0L);
  }
}
