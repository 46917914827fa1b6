package dev.crossmodal.vse;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.model.ModelProvider;
import dev.crossmodal.core.model.ModelSpec;
import java.nio.file.Path;

/**
 * The {@code vse} model provider. VSE++ has no hub to download from: the spec must name a local
 * directory made by {@code tools/convert_vsepp.py}. Option {@code threads} sets ONNX Runtime's
 * intra-op thread count.
 *
 * <pre>{@code
 * CrossModalModel vse = Models.load(ModelSpec.of("vse").withModelDir(Path.of("models/vse")));
 * }</pre>
 */
public final class VseModelProvider implements ModelProvider {
  /** The provider's name, as {@code ModelSpec.of("vse")} gives it. */
  public static final String NAME = "vse";

  /** Called by {@link java.util.ServiceLoader}. */
  public VseModelProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  /** A directory with VSE++'s two exported encoders. */
  @Override
  public boolean recognizes(Path modelPath) {
    return java.nio.file.Files.isRegularFile(modelPath.resolve("image_encoder.onnx"))
        && java.nio.file.Files.isRegularFile(modelPath.resolve("text_encoder.onnx"));
  }

  /**
   * Loads a VSE++ model from {@code spec.modelDirectory()}.
   *
   * @throws InvalidModelException if the spec names no directory, or the directory is not a
   *     VSE++ model
   */
  @Override
  public CrossModalModel load(ModelSpec spec) {
    Path dir =
        spec.modelDirectory()
            .orElseThrow(
                () ->
                    new InvalidModelException(
                        "model 'vse' needs a model directory (--model-dir): VSE++ checkpoints are"
                            + " not downloaded; convert one with tools/convert_vsepp.py"
                            + (spec.variant() == null
                                ? ""
                                : " (variant '" + spec.variant() + "' cannot be resolved)")));
    VseModel.Builder builder = VseModel.builder().modelDir(dir);
    spec.option("threads").ifPresent(value -> builder.threads(parseThreads(value)));
    return builder.build();
  }

  private static int parseThreads(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidModelException("option threads must be an integer, got '" + value + "'");
    }
  }
}
