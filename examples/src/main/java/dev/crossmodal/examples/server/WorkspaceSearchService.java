package dev.crossmodal.examples.server;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.VectorIndex;
import dev.crossmodal.core.pipeline.Match;
import dev.crossmodal.core.pipeline.Searcher;
import dev.crossmodal.core.workspace.Workspace;
import java.util.List;
import java.util.Optional;

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
