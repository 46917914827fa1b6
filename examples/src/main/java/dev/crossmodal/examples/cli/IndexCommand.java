package dev.crossmodal.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.dataset.Dataset;
import dev.crossmodal.datasets.Datasets;
import dev.crossmodal.datasets.FolderDataset;
import dev.crossmodal.core.dataset.SkippedItem;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.core.model.Models;
import dev.crossmodal.core.IndexReport;
import dev.crossmodal.core.pipeline.Indexer;
import dev.crossmodal.core.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code crossmodal index}: reads a dataset and adds its images and captions to a workspace. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Index the images and captions of a dataset into a workspace.",
      "Re-running the same command adds only what is missing; Ctrl-C stops after the current batch and keeps what was done."
    })
public final class IndexCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-d", "--data"}, required = true, paramLabel = "DIR", description = "Dataset folder (for --format lines: the text file).")
  Path data;

  @Option(
      names = {"-f", "--format"},
      required = true,
      description = "Dataset layout: flickr8k, flickr8k-original, karpathy, folder, toy, or lines (one text per line of a UTF-8 file).")
  String format;

  @Option(names = "--split", description = "Karpathy split to index: train, val, test or restval (default: all).")
  String split;

  @Option(names = {"-n", "--limit"}, description = "Index only the first N images and their captions (lines: the first N texts).")
  Long limit;

  @Option(names = {"-s", "--batch-size"}, defaultValue = "32", description = "Documents per model call (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--checkpoint-seconds", defaultValue = "30", description = "Seconds between commits while indexing (default: ${DEFAULT-VALUE}).")
  long checkpointSeconds;

  @Option(names = "--encoding", paramLabel = "CHARSET", description = "Encoding of a flickr8k captions file (default: UTF-8; bytes not valid in it are an error naming the line).")
  String encoding;

  @Option(names = "--follow-links", description = "Folder format: follow links that lead outside the data folder too.")
  boolean followLinks;

  @Option(names = "--max-depth", paramLabel = "N", defaultValue = "32", description = "Folder format: scan at most N levels of sub-folders (default: ${DEFAULT-VALUE}).")
  int maxDepth;

  @Option(names = "--json", description = "Print a JSON summary as the last line of stdout.")
  boolean json;

  @Mixin ModelOptions modelOptions;
  @Mixin WorkspaceOptions workspaceOptions;
  @Mixin IndexOptions indexOptions;

  @Override
  public Integer call() {
    OptionChecks.batchSize(spec, batchSize);
    OptionChecks.limit(spec, limit);
    OptionChecks.checkpointSeconds(spec, checkpointSeconds);
    if (maxDepth < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max-depth must be 0 or more, got " + maxDepth);
    }
    Dataset dataset = Datasets.open(format, data, split, OptionChecks.encoding(spec, encoding));
    if (dataset instanceof FolderDataset folder) {
      dataset = followLinks ? folder.withMaxDepth(maxDepth).followingLinksOutside() : folder.withMaxDepth(maxDepth);
    }
    // The model runs at most --batch-size items per call, whatever the indexer hands it at once.
    ModelSpec modelSpec = modelOptions.spec().withOption("batch-size", Integer.toString(batchSize));
    IndexReport report;
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = null;
    try (CrossModalModel model = Models.load(modelSpec);
        Workspace ws = indexOptions.openOrCreate(workspaceOptions.path(), modelSpec, model);
        ConsoleProgress progress = new ConsoleProgress()) {
      Indexer indexer =
          Indexer.builder(ws, model)
              .batchSize(batchSize)
              .checkpointInterval(Duration.ofSeconds(checkpointSeconds))
              .progress(progress)
              .build();
      // Ctrl-C: let the indexer finish its batch and commit before the JVM exits.
      hook =
          new Thread(
              () -> {
                indexer.cancel();
                try {
                  finished.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "crossmodal-index-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      report = indexer.index(dataset, limit == null ? -1 : limit);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running: we were interrupted and have committed; report before it returns.
      }
      printReport(report);
    } finally {
      // The shutdown hook waits for this: the JVM must not exit before the report is printed.
      finished.countDown();
    }
    return report.interrupted() ? 130 : 0;
  }

  private void printReport(IndexReport report) {
    PrintWriter err = spec.commandLine().getErr();
    err.printf(
        "Indexed %d images and %d texts into %s in %.1f s (%d already there, %d skipped)%s%n",
        report.indexed(Modality.IMAGE),
        report.indexed(Modality.TEXT),
        workspaceOptions.path(),
        report.elapsed().toMillis() / 1000.0,
        report.alreadyPresent(),
        report.skipped().size(),
        report.interrupted() ? "; interrupted: run the same command again to finish" : "");
    for (SkippedItem item : report.skipped()) {
      err.printf("  skipped %s: %s%n", item.item(), item.reason());
    }
    err.flush();
    if (json) {
      ObjectNode out = Json.object();
      out.put("images_indexed", report.indexed(Modality.IMAGE));
      out.put("texts_indexed", report.indexed(Modality.TEXT));
      ArrayNode skipped = out.putArray("skipped");
      report.skipped().forEach(s -> skipped.addObject().put("item", s.item()).put("reason", s.reason()));
      out.put("seconds", Math.round(report.elapsed().toMillis() / 10.0) / 100.0);
      out.put("already_indexed", report.alreadyPresent());
      out.put("interrupted", report.interrupted());
      out.put("workspace", workspaceOptions.path().toString());
      Json.println(spec.commandLine().getOut(), out);
    }
  }
}
