package dev.crossmodal.examples.cli;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.pipeline.Searcher;
import dev.crossmodal.core.workspace.Workspace;
import dev.crossmodal.examples.server.CrossmodalServer;
import dev.crossmodal.examples.server.ServerLimits;
import dev.crossmodal.examples.server.WorkspaceSearchService;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code serve} and {@code demo} share: start the server on a workspace, run until stopped. */
final class ServerRunner {
  /** How often a server checks its workspace's manifest for a writer's new commit. */
  static final java.time.Duration RELOAD_POLL = java.time.Duration.ofSeconds(1);

  private ServerRunner() {}

  /** A started server with the workspace and model it holds open: what a command waits on, and what tests stop. */
  record Running(CrossmodalServer server, Workspace workspace, CrossModalModel model) implements AutoCloseable {
    /** Starts the server; on failure the caller still owns (and closes) the workspace and model. */
    static Running start(Workspace workspace, CrossModalModel model, String host, int port) {
      return new Running(ServerRunner.start(workspace, model, host, port), workspace, model);
    }

    /** See {@link ServerRunner#runUntilStopped}; closes the workspace and model on the way out. */
    void runUntilStopped(CommandSpec spec) throws InterruptedException {
      ServerRunner.runUntilStopped(
          server, spec.commandLine().getOut(), spec.commandLine().getErr(), workspace, model);
    }

    @Override
    public void close() {
      server.close();
      workspace.close();
      model.close();
    }
  }

  static CrossmodalServer start(Workspace workspace, CrossModalModel model, String host, int port) {
    return CrossmodalServer.builder()
        // Follows a writer indexing beside the server: new commits are searchable within seconds.
        .service(WorkspaceSearchService.watching(new Searcher(workspace, model), RELOAD_POLL))
        .host(host)
        .port(port)
        .limits(ServerLimits.DEFAULT)
        .start();
  }

  /** Prints where the server is, then blocks until Ctrl-C, closing the resources on the way out. */
  static void runUntilStopped(
      CrossmodalServer server, java.io.PrintWriter out, java.io.PrintWriter err, AutoCloseable... resources)
      throws InterruptedException {
    ServerLimits limits = ServerLimits.DEFAULT;
    err.printf(
        "Serving the web UI and POST /search at %s (top_k up to %d, bodies up to %d MiB). Ctrl-C stops.%n",
        server.url(), limits.maxTopK(), limits.maxBodyBytes() / (1024 * 1024));
    err.flush();
    out.println(server.url());
    out.flush();
    List<AutoCloseable> toClose = new ArrayList<>(List.of(resources));
    Thread hook =
        new Thread(
            () -> {
              server.close();
              for (AutoCloseable resource : toClose) {
                try {
                  resource.close();
                } catch (Exception e) {
                  // Exiting anyway: a resource that fails to close must not block the others.
                }
              }
            },
            "crossmodal-server-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    server.awaitTermination();
  }
}
