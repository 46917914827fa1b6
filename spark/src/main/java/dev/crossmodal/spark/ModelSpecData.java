package dev.crossmodal.spark;

import dev.crossmodal.core.model.ModelSpec;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link ModelSpec} in a form Spark can ship to executors: strings only (a {@link Path} is not
 * serialisable). Executors must see the model directory at the same path (a shared file system, or
 * the same image on every node).
 *
 * @param provider the provider name
 * @param variant the variant, or {@code null}
 * @param modelDir the model folder or file, or {@code null}
 * @param options the provider options
 */
record ModelSpecData(String provider, String variant, String modelDir, Map<String, String> options)
    implements Serializable {

  ModelSpecData {
    options = new LinkedHashMap<>(options);
  }

  static ModelSpecData of(ModelSpec spec) {
    return new ModelSpecData(
        spec.provider(),
        spec.variantName().orElse(null),
        spec.modelDirectory().map(p -> p.toAbsolutePath().normalize().toString()).orElse(null),
        spec.options());
  }

  ModelSpec toSpec() {
    ModelSpec spec = ModelSpec.of(provider);
    if (variant != null) {
      spec = spec.withVariant(variant);
    }
    if (modelDir != null) {
      spec = spec.withModelDir(Path.of(modelDir));
    }
    for (Map.Entry<String, String> option : options.entrySet()) {
      spec = spec.withOption(option.getKey(), option.getValue());
    }
    return spec;
  }
}
