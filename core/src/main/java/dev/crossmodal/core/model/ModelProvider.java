package dev.crossmodal.core.model;

import dev.crossmodal.core.CrossModalModel;
import java.nio.file.Path;

/**
 * Loads one family of models. Encoder modules register an implementation in {@code
 * META-INF/services/dev.crossmodal.core.model.ModelProvider}; a host application can register its
 * own the same way, or pass a model in directly.
 */
public interface ModelProvider {

  /** {@return the name users choose the provider by, such as {@code clip}} */
  String name();

  /**
   * Loads a model.
   *
   * @param spec the provider's name, variant, local location and options
   * @return the loaded model; close it to free its native resources
   * @throws dev.crossmodal.core.InvalidModelException naming the directory or file, if it is
   *     missing, incomplete or of another kind
   */
  CrossModalModel load(ModelSpec spec);

  /**
   * {@return whether a local model file or directory is of this provider's family, judged from its files
   * alone (for {@code --model auto})} Default: {@code false}.
   *
   * @param modelPath a local model file or folder
   */
  default boolean recognizes(Path modelPath) {
    return false;
  }
}
