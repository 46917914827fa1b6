package dev.crossmodal.examples.server;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.IdFilter;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.VectorIndex;
import dev.crossmodal.core.Match;
import dev.crossmodal.core.pipeline.Searcher;
import dev.crossmodal.core.workspace.Workspace;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's backend over a workspace: searches with the core {@link Searcher} (text finds
 * images, an image finds captions) and looks documents up in the workspace's store.
 *
 * <p>A {@link #watching watching} service follows a writer indexing beside it: it polls the
 * workspace's manifest and, after each commit, opens the new state and switches to it
 * atomically. Every request sees one state, old or new, never a mix; the old state is closed
 * when its last request finishes. While both are open, the memory of both is in use.
 *
 * <pre>{@code
 * SearchService service = WorkspaceSearchService.watching(new Searcher(workspace, model), Duration.ofSeconds(1));
 * }</pre>
 */
public final class WorkspaceSearchService implements SearchService, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkspaceSearchService.class);

  private final CrossModalModel model;
  private final AtomicReference<State> current;
  private final ScheduledExecutorService watcher;

  /** A service over a workspace as it is now (no reloading). */
  public WorkspaceSearchService(Searcher searcher) {
    this(searcher, null);
  }

  private WorkspaceSearchService(Searcher searcher, Duration pollInterval) {
    this.model = searcher.model();
    this.current = new AtomicReference<>(new State(searcher));
    if (pollInterval == null || searcher.workspace().mode() != Workspace.OpenMode.READ_ONLY
        || searcher.workspace().directory().isEmpty()) {
      this.watcher = null;
    } else {
      this.watcher =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread thread = new Thread(r, "crossmodal-workspace-watcher");
                thread.setDaemon(true);
                return thread;
              });
      long millis = pollInterval.toMillis();
      watcher.scheduleWithFixedDelay(this::reloadIfCommitted, millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * A service that reloads the (read-only) workspace after each commit of a writer, checking
   * every {@code pollInterval}. It owns the workspace from now on: it closes it when it moves to a
   * newer state, and on {@link #close()}.
   */
  public static WorkspaceSearchService watching(Searcher searcher, Duration pollInterval) {
    return new WorkspaceSearchService(searcher, pollInterval);
  }

  /** Opens the workspace's latest commit if there is a newer one, and switches to it. */
  void reloadIfCommitted() {
    State state = current.get();
    try {
      if (!state.workspace().hasNewerCommit()) {
        return;
      }
      Workspace next = state.workspace().reopen();
      State fresh = new State(new Searcher(next, model));
      State old = current.getAndSet(fresh);
      LOG.info(
          "workspace {} reloaded after a commit: {} images, {} texts",
          next.directory().orElseThrow(), count(fresh, Modality.IMAGE), count(fresh, Modality.TEXT));
      old.release();
    } catch (RuntimeException e) {
      // Keep serving the state we have; the next poll tries again.
      LOG.warn("cannot reload workspace after a commit: {}", e.getMessage());
    }
  }

  private <T> T withState(Function<State, T> action) {
    while (true) {
      State state = current.get();
      if (state.acquire()) {
        try {
          return action.apply(state);
        } finally {
          state.release();
        }
      }
    }
  }

  @Override
  public List<Match> search(Document query, int k) {
    return withState(state -> state.searcher().search(query, k));
  }

  @Override
  public List<Match> search(
      Document query, int k, Optional<Modality.ContentKind> returns, double minScore) {
    return withState(state -> search(state, query, k, returns, minScore));
  }

  private static List<Match> search(
      State state, Document query, int k, Optional<Modality.ContentKind> returns, double minScore) {
    Searcher searcher = state.searcher();
    Set<Modality> targets;
    if (returns.isEmpty()) {
      targets = searcher.defaultTargets(query.modality());
    } else {
      targets = new LinkedHashSet<>();
      for (Modality m : state.workspace().modalities()) {
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
    return withState(state -> state.workspace().document(id));
  }

  @Override
  public String modelId() {
    return model.id();
  }

  @Override
  public Optional<dev.crossmodal.core.ScoreCalibration> scoreCalibration() {
    return model.scoreCalibration();
  }

  @Override
  public long count(Modality modality) {
    return withState(state -> count(state, modality));
  }

  private static long count(State state, Modality modality) {
    return state.workspace().findIndex(modality).map(VectorIndex::size).orElse(0L);
  }

  /** Stops watching and closes the workspace state it holds. */
  @Override
  public void close() {
    if (watcher != null) {
      watcher.shutdownNow();
    }
    current.get().release();
  }

  /**
   * One opened state of the workspace, with a count of its users: the service holds one, and
   * every running request one more; the last to let go closes the workspace.
   */
  private static final class State {
    private final Searcher searcher;
    private final AtomicInteger users = new AtomicInteger(1);

    State(Searcher searcher) {
      this.searcher = searcher;
    }

    Searcher searcher() {
      return searcher;
    }

    Workspace workspace() {
      return searcher.workspace();
    }

    boolean acquire() {
      int n;
      do {
        n = users.get();
        if (n == 0) {
          return false;
        }
      } while (!users.compareAndSet(n, n + 1));
      return true;
    }

    void release() {
      if (users.decrementAndGet() == 0) {
        searcher.workspace().close();
      }
    }
  }
}
