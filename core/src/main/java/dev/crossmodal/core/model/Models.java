package dev.crossmodal.core.model;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.InvalidModelException;
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
  private Models() {}

  /**
   * Loads the model a spec describes.
   *
   * @throws InvalidModelException if no provider of that name is on the class path, or the
   *     provider cannot load the model
   */
  public static CrossModalModel load(ModelSpec spec) {
    return provider(spec.provider()).load(spec);
  }

  /** The provider registered under {@code name}. */
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
