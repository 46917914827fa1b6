package dev.crossmodal.examples.cli;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.core.model.Models;
import dev.crossmodal.core.workspace.Workspace;
import dev.crossmodal.examples.server.CrossmodalServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crossmodal serve}: the REST API ({@code POST /search}, the Jina seed's request and
 * response shapes) and the web UI over an indexed workspace.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves a workspace: POST /search, GET /images/{id}, GET /health and the web UI at /.",
      "top_k is 1..100 (default 10), at most 32 queries and 10 MiB per request."
    })
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions workspaceOptions = new WorkspaceOptions();

  @Option(names = "--port", defaultValue = "45678", description = "Port (default: ${DEFAULT-VALUE}, the seed's; 0 for any free port).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
  String host;

  @Option(names = "--model-dir", paramLabel = "DIR", description = "Load the workspace's model from this folder instead of where it was indexed from.")
  Path modelDir;

  @Override
  public Integer call() throws InterruptedException {
    Running running = start();
    ServerRunner.runUntilStopped(
        running.server(), spec.commandLine().getOut(), spec.commandLine().getErr(), running.workspace(), running.model());
    return 0;
  }

  /** A started server with what it holds open. */
  record Running(CrossmodalServer server, Workspace workspace, CrossModalModel model) implements AutoCloseable {
    @Override
    public void close() {
      server.close();
      workspace.close();
      model.close();
    }
  }

  Running start() {
    // Read-only: a server never writes, and may run beside an indexer adding to the workspace.
    Workspace ws = workspaceOptions.openReadOnly();
    try {
      ModelSpec spec = ws.manifest().modelSpec();
      if (modelDir != null) {
        spec = spec.withModelDir(modelDir);
      }
      CrossModalModel model = Models.load(spec);
      try {
        return new Running(ServerRunner.start(ws, model, host, port), ws, model);
      } catch (RuntimeException e) {
        model.close();
        throw e;
      }
    } catch (RuntimeException e) {
      ws.close();
      throw e;
    }
  }
}
