package dev.crossmodal.examples.cli;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.workspace.Workspace;
import dev.crossmodal.examples.cli.ServerRunner.Running;
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

  @Mixin ServerAddressOptions address = new ServerAddressOptions();

  @Option(names = "--model-dir", paramLabel = "DIR", description = "Load the workspace's model from this folder instead of where it was indexed from.")
  Path modelDir;

  @Override
  public Integer call() throws InterruptedException {
    start().runUntilStopped(spec);
    return 0;
  }

  /** Opens the workspace and model and starts the server (tests stop it by closing it). */
  Running start() {
    // Read-only: a server never writes, and may run beside an indexer adding to the workspace.
    Workspace ws = workspaceOptions.openReadOnly();
    try {
      CrossModalModel model = WorkspaceOptions.modelOf(ws, modelDir);
      try {
        return Running.start(ws, model, address.host, address.port);
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
