package dev.crossmodal.core.workspace;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.core.model.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the model a workspace was built with. The manifest records the model's identity and where
 * it was found: a local folder or a hub variant. That location is a hint, tried first; a folder
 * that has gone is next looked for in the hub cache (never downloaded); failing both, the error
 * says how to point at the model ({@code --model-dir}).
 *
 * <pre>{@code
 * try (Workspace ws = Workspace.open(dir, OpenMode.READ_ONLY);
 *     CrossModalModel model = RecordedModel.load(ws, null)) { ... }
 * }</pre>
 */
public final class RecordedModel {
  private RecordedModel() {}

  /**
   * Loads the workspace's model, checked against the identity in its manifest.
   *
   * @param workspace the workspace whose manifest names the model
   * @return the loaded model; close it to free its native resources
   * @param modelDir a model folder or file to use instead of the recorded location, or {@code null}
   * @throws InvalidModelException if the model cannot be found, naming {@code --model-dir}
   * @throws dev.crossmodal.core.InvalidWorkspaceException if the model found is not the one the
   *     workspace was built with
   */
  public static CrossModalModel load(Workspace workspace, Path modelDir) {
    ModelSpec recorded = workspace.manifest().modelSpec();
    CrossModalModel model = modelDir != null
        ? Models.load(recorded.withModelDir(modelDir.toAbsolutePath().normalize()))
        : fromRecordedLocation(workspace, recorded);
    try {
      workspace.requireModel(model);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    return model;
  }

  private static CrossModalModel fromRecordedLocation(Workspace workspace, ModelSpec recorded) {
    Optional<Path> hint = recorded.modelDirectory();
    if (hint.isEmpty() || Files.exists(hint.get())) {
      return Models.load(recorded);
    }
    String where = workspace.directory().map(Path::toString).orElse("in memory");
    String advice = ": pass the model with --model-dir DIR (CLI) or CrossModalIndex.open(workspace, modelDir)";
    if (recorded.variantName().isEmpty()) {
      throw new InvalidModelException("workspace " + where + " was built with model "
          + workspace.manifest().modelId() + " from " + hint.get() + ", which no longer exists" + advice);
    }
    ModelSpec cached = new ModelSpec(recorded.provider(), recorded.variant(), null, Map.of("offline", "true"));
    try {
      return Models.load(cached);
    } catch (InvalidModelException e) {
      throw new InvalidModelException("workspace " + where + " was built with model "
          + workspace.manifest().modelId() + " from " + hint.get() + ", which no longer exists, and variant "
          + recorded.variant() + " is not in the hub cache (" + e.getMessage() + ")" + advice, e);
    }
  }
}
