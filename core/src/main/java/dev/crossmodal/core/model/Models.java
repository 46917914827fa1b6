package dev.crossmodal.core.model;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.InvalidModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds the {@link ModelProvider} registered for a spec's provider name and loads the model.
 *
 * <pre>{@code
 * try (CrossModalModel clip = Models.load(ModelSpec.of("clip"))) { ... }
 * }</pre>
 */
public final class Models {
  /** The provider name that asks {@link #load} to detect the family from the model's files. */
  public static final String AUTO = "auto";
  private Models() {}

  /**
   * Loads the model a spec describes.
   *
   * @param spec names the provider and the model it should load
   * @return the loaded model; close it to free its native resources
   * @throws InvalidModelException if no provider of that name is on the class path, or the
   *     provider cannot load the model
   */
  public static CrossModalModel load(ModelSpec spec) {
    if (AUTO.equals(spec.provider())) {
      Path dir =
          spec.modelDirectory()
              .orElseThrow(
                  () -> new InvalidModelException(
                      "model 'auto' detects the family from a local model: give its directory or file"));
      return detect(dir).load(spec);
    }
    return provider(spec.provider()).load(spec);
  }

  /**
   * {@return the provider whose family a local model belongs to ({@link ModelProvider#recognizes})}
   *
   * @param modelPath a local model file or folder
   * @throws InvalidModelException if the path does not exist or no provider recognises it
   */
  public static ModelProvider detect(Path modelPath) {
    if (!Files.exists(modelPath)) {
      throw new InvalidModelException("model path " + modelPath + " does not exist");
    }
    List<String> available = new ArrayList<>();
    for (ModelProvider provider : ServiceLoader.load(ModelProvider.class)) {
      if (provider.recognizes(modelPath)) {
        return provider;
      }
      available.add(provider.name());
    }
    throw new InvalidModelException(
        "cannot tell which model family " + modelPath + " is (no provider among " + available
            + " recognises its files); name the family instead of 'auto'");
  }

  /**
   * {@return the provider registered under {@code name}}
   *
   * @param name a provider name, such as {@code clip}
   */
  public static ModelProvider provider(String name) {
    List<String> available = new ArrayList<>();
    for (ModelProvider provider : ServiceLoader.load(ModelProvider.class)) {
      if (provider.name().equals(name)) {
        return provider;
      }
      available.add(provider.name());
    }
    throw new InvalidModelException(
        "no model provider named '" + name + "' on the class path (available: " + available + ")");
  }
}
