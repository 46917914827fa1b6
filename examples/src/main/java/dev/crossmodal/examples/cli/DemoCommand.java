package dev.crossmodal.examples.cli;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.datasets.Datasets;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.core.model.Models;
import dev.crossmodal.core.pipeline.IndexReport;
import dev.crossmodal.core.pipeline.Indexer;
import dev.crossmodal.core.workspace.Workspace;
import dev.crossmodal.examples.cli.ServerRunner.Running;
import dev.crossmodal.index.flat.FlatIndex;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crossmodal demo}: indexes the bundled toy set with the default model (downloaded on first
 * use) and serves the web UI: the README's quick start.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Indexes the bundled toy set (data/toy) and serves the web UI; prints the URL.")
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ServerAddressOptions address = new ServerAddressOptions();

  @Mixin ModelOptions modelOptions = new ModelOptions();

  @Option(names = "--workspace", paramLabel = "DIR", defaultValue = ".crossmodal/demo-workspace", description = "Where the demo workspace is kept (default: ${DEFAULT-VALUE}); a re-run reuses it.")
  Path workspace;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "data/toy", description = "The toy set folder (default: ${DEFAULT-VALUE}).")
  Path data;

  @Override
  public Integer call() throws InterruptedException {
    start().runUntilStopped(spec);
    return 0;
  }

  /** Opens the workspace and model and starts the server (tests stop it by closing it). */
  Running start() {
    ModelSpec modelSpec = modelOptions.spec();
    CrossModalModel loaded = Models.load(modelSpec);
    Workspace ws = null;
    try {
      ws = Workspace.openOrCreate(workspace, modelSpec, loaded, FlatIndex.factory());
      IndexReport report;
      try (ConsoleProgress progress = new ConsoleProgress()) {
        // Indexing is idempotent: a second demo run finds everything stored and starts at once.
        report = Indexer.builder(ws, loaded).progress(progress).build().index(Datasets.open("toy", data, null), -1);
      }
      java.io.PrintWriter err = spec.commandLine().getErr();
      report.skipped().forEach(s -> err.println("skipped " + s.item() + ": " + s.reason()));
      err.flush();
      return Running.start(ws, loaded, address.host, address.port);
    } catch (RuntimeException e) {
      if (ws != null) {
        ws.close();
      }
      loaded.close();
      throw e;
    }
  }
}
