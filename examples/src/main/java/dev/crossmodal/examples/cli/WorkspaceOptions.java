package dev.crossmodal.examples.cli;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.workspace.RecordedModel;
import dev.crossmodal.core.workspace.Workspace;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --workspace} flag, and opening a workspace together with the model it was built with. */
public final class WorkspaceOptions {
  @Option(
      names = {"-w", "--workspace"},
      defaultValue = "workspace",
      paramLabel = "DIR",
      description = "Workspace folder (default: ${DEFAULT-VALUE}).")
  Path workspace;

  public Path path() {
    return workspace.toAbsolutePath().normalize();
  }

  /** Opens the workspace read-only. */
  public Workspace openReadOnly() {
    return Workspace.open(path(), Workspace.OpenMode.READ_ONLY);
  }

  /**
   * Loads the model recorded in a workspace's manifest, or the one in {@code modelDir} (which must
   * be the same model) when it is not {@code null}.
   */
  public static CrossModalModel modelOf(Workspace ws, Path modelDir) {
    return RecordedModel.load(ws, modelDir);
  }
}
