package dev.crossmodal.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.workspace.Manifest;
import dev.crossmodal.core.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code crossmodal info}: what a workspace holds. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show what a workspace holds.")
public final class InfoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin WorkspaceOptions workspaceOptions;

  @Option(names = "--json", description = "Print the result as one JSON line.")
  boolean json;

  @Option(names = "--model-dir", paramLabel = "DIR_OR_FILE",
      description = "Check that the model here is the workspace's model (it is loaded once).")
  Path modelDir;

  @Override
  public Integer call() {
    try (Workspace ws = workspaceOptions.openReadOnly()) {
      Manifest m = ws.manifest();
      if (modelDir != null) {
        // Loading checks the identity: another model is refused with a message naming both.
        WorkspaceOptions.modelOf(ws, modelDir).close();
      }
      String location = m.modelSpec().modelDirectory().map(Path::toString)
          .or(() -> m.modelSpec().variantName().map(v -> "hub " + v))
          .orElse("hub (the provider's default variant)");
      long images = ws.documents().count(Modality.IMAGE);
      long texts = ws.documents().count(Modality.TEXT);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        ObjectNode node = Json.object();
        node.put("images", images);
        node.put("texts", texts);
        node.put("model", m.modelId());
        node.put("dim", m.dimension());
        node.put("index", m.indexType());
        node.put("model_location", location);
        node.put("workspace", workspaceOptions.path().toString());
        Json.println(out, node);
      } else {
        out.printf(
            "workspace %s%n  model     %s%n  from      %s%n  dimension %d%n  images    %d%n  texts     %d%n",
            workspaceOptions.path(), m.modelId(), location, m.dimension(), images, texts);
        out.flush();
      }
    }
    return 0;
  }
}
