package dev.crossmodal.core.model;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which model to load and how: a provider name ({@code clip}, {@code vse}), an optional variant
 * (a hub repository such as {@code openai/clip-vit-base-patch32}), an optional local directory or
 * file that overrides any download, and free-form options (engine, device, threads).
 *
 * <pre>{@code
 * ModelSpec spec = ModelSpec.of("clip").withModelDir(Path.of("models/clip")).withOption("device", "cpu");
 * try (CrossModalModel model = Models.load(spec)) { ... }
 * }</pre>
 *
 * @param provider the provider name
 * @param variant provider-specific variant, or {@code null} for its default
 * @param modelDir local model directory or file, or {@code null} to resolve {@code variant}
 * @param options provider-specific options
 */
public record ModelSpec(String provider, String variant, Path modelDir, Map<String, String> options) {
  /** Copies the options, so a spec never changes. */
  public ModelSpec {
    Objects.requireNonNull(provider, "provider");
    options = Map.copyOf(options);
  }

  /**
   * {@return the provider's default model, with no options}
   *
   * @param provider a provider name, such as {@code clip}
   */
  public static ModelSpec of(String provider) {
    return new ModelSpec(provider, null, null, Map.of());
  }

  /**
   * {@return a copy that names a variant, such as a hub repository}
   *
   * @param newVariant the variant, such as a hub repository name
   */
  public ModelSpec withVariant(String newVariant) {
    return new ModelSpec(provider, newVariant, modelDir, options);
  }

  /**
   * {@return a copy that loads from a local folder or file instead of downloading}
   *
   * @param dir a local model folder or file
   */
  public ModelSpec withModelDir(Path dir) {
    return new ModelSpec(provider, variant, dir, options);
  }

  /**
   * {@return a copy with one more provider option, such as {@code threads}}
   *
   * @param key the option's name
   * @param value the option's value
   */
  public ModelSpec withOption(String key, String value) {
    var copy = new java.util.HashMap<>(options);
    copy.put(key, value);
    return new ModelSpec(provider, variant, modelDir, copy);
  }

  /**
   * {@return one option's value, if set}
   *
   * @param key the option's name
   */
  public Optional<String> option(String key) {
    return Optional.ofNullable(options.get(key));
  }

  /** {@return the local model folder or file, if set} */
  public Optional<Path> modelDirectory() {
    return Optional.ofNullable(modelDir);
  }

  /** {@return the variant, if set} */
  public Optional<String> variantName() {
    return Optional.ofNullable(variant);
  }
}
