package dev.crossmodal.examples.cli;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.pipeline.Searcher;
import dev.crossmodal.core.workspace.Workspace;
import dev.crossmodal.examples.server.CrossmodalServer;
import dev.crossmodal.examples.server.ServerLimits;
import dev.crossmodal.examples.server.WorkspaceSearchService;
import java.util.ArrayList;
import java.util.List;

/** What {@code serve} and {@code demo} share: start the server on a workspace, run until stopped. */
final class ServerRunner {
  private ServerRunner() {}

  static CrossmodalServer start(Workspace workspace, CrossModalModel model, String host, int port) {
    return CrossmodalServer.builder()
        .service(new WorkspaceSearchService(new Searcher(workspace, model)))
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
