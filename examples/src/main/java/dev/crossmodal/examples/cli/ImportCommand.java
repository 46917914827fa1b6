package dev.crossmodal.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.core.model.Models;
import dev.crossmodal.core.workspace.Workspace;
import dev.crossmodal.spark.EncodedVectorsManifest;
import dev.crossmodal.spark.VectorImport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crossmodal import}: loads the Parquet output of {@code encode} into a workspace, with the
 * same ids, documents and vectors {@code index} would have given it. Idempotent.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Load the output of 'crossmodal encode' into a workspace (created with the model that made the vectors).",
      "Re-running adds only what is missing."
    })
public final class ImportCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--vectors", required = true, paramLabel = "DIR", description = "Output folder of 'crossmodal encode'.")
  Path vectors;

  @Option(names = "--model-dir", paramLabel = "DIR_OR_FILE", description = "Where the model that made the vectors is now, if it moved.")
  Path modelDir;

  @Option(names = "--json", description = "Print a JSON summary as the last line of stdout.")
  boolean json;

  @Mixin WorkspaceOptions workspaceOptions;
  @Mixin IndexOptions indexOptions;

  @Override
  public Integer call() {
    EncodedVectorsManifest manifest = EncodedVectorsManifest.read(vectors.toAbsolutePath().normalize());
    ModelSpec modelSpec = modelDir == null ? manifest.spec() : manifest.spec().withModelDir(modelDir.toAbsolutePath().normalize());
    VectorImport.ImportReport report;
    try (CrossModalModel model = Models.load(modelSpec)) {
      if (!model.id().equals(manifest.modelId())) {
        throw new InvalidModelException(
            "the vectors in " + vectors + " were made by " + manifest.modelId() + ", but " + modelSpec
                + " loads " + model.id() + ": pass --model-dir with the model that made them");
      }
      Path dir = workspaceOptions.path();
      try (Workspace ws = indexOptions.openOrCreate(dir, modelSpec, model)) {
        SparkSession spark = SparkSessions.start("crossmodal import", "local[1]");
        try {
          report = VectorImport.builder(ws, vectors).build().run(spark);
        } finally {
          spark.stop();
        }
      }
    }
    var err = spec.commandLine().getErr();
    err.printf(
        "Imported %d images and %d texts into %s in %.1f s (%d already there; %d skipped when encoding)%n",
        report.imported(Modality.IMAGE),
        report.imported(Modality.TEXT),
        workspaceOptions.path(),
        report.elapsed().toMillis() / 1000.0,
        report.alreadyPresent(),
        manifest.skipped().size());
    err.flush();
    if (json) {
      ObjectNode out = Json.object();
      out.put("images_indexed", report.imported(Modality.IMAGE));
      out.put("texts_indexed", report.imported(Modality.TEXT));
      ArrayNode skipped = out.putArray("skipped");
      manifest.skipped().forEach(s -> skipped.addObject().put("item", s.item()).put("reason", s.reason()));
      out.put("seconds", Math.round(report.elapsed().toMillis() / 10.0) / 100.0);
      out.put("already_indexed", report.alreadyPresent());
      out.put("workspace", workspaceOptions.path().toString());
      Json.println(spec.commandLine().getOut(), out);
    }
    return 0;
  }
}
