package dev.crossmodal.clip;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.hub.HubClient;
import dev.crossmodal.core.model.ModelProvider;
import dev.crossmodal.core.model.ModelSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code clip} model provider. A spec with a model directory loads it (a directory in the
 * Hugging Face ONNX layout, or an openai TorchScript {@code .pt} file); otherwise the variant
 * (default {@code openai/clip-vit-base-patch32}; aliases such as {@code ViT-B/32} work) is resolved
 * to its ONNX export on the Hugging Face hub and downloaded once into the cache by {@link HubClient}
 * ({@code HF_ENDPOINT}, offline switch and cache location from the environment).
 *
 * <p>Options: {@code engine}, {@code device}, {@code threads}, {@code batchSize}, {@code revision}
 * (hub revision, default {@code main}), {@code offline} ({@code true}: use the hub cache only).
 *
 * <pre>{@code
 * try (CrossModalModel clip = Models.load(ModelSpec.of("clip").withOption("threads", "4"))) { ... }
 * }</pre>
 */
public final class ClipModelProvider implements ModelProvider {
  /** The files of the Hugging Face ONNX layout that {@link ClipModel} reads. */
  static final List<String> HUB_FILES =
      List.of(
          "config.json",
          "preprocessor_config.json",
          "vocab.json",
          "merges.txt",
          "onnx/text_model.onnx",
          "onnx/vision_model.onnx");

  private final Supplier<HubClient> hub;

  /** The provider {@link java.util.ServiceLoader} creates: the hub client comes from the environment. */
  public ClipModelProvider() {
    this(() -> HubClient.builder().build());
  }

  /**
   * A provider that downloads with the given client (another endpoint, cache or listener).
   *
   * @param hubClient downloads the model files
   */
  public ClipModelProvider(HubClient hubClient) {
    this(() -> hubClient);
  }

  private ClipModelProvider(Supplier<HubClient> hub) {
    this.hub = hub;
  }

  @Override
  public String name() {
    return "clip";
  }

  /** An openai TorchScript file, or a directory whose config.json says {@code model_type: clip}. */
  @Override
  public boolean recognizes(Path modelPath) {
    return ClipFamily.detect(modelPath).filter(ClipFamily.CLIP::equals).isPresent();
  }

  @Override
  public CrossModalModel load(ModelSpec spec) {
    ClipModel.Builder builder = ClipModel.builder();
    spec.option("engine").ifPresent(builder::engine);
    spec.option("device").ifPresent(builder::device);
    intOption(spec, "threads").ifPresent(builder::threads);
    intOption(spec, "batchSize").or(() -> intOption(spec, "batch-size")).ifPresent(builder::batchSize);
    Optional<Path> dir = spec.modelDirectory();
    if (dir.isPresent()) {
      spec.variantName().map(v -> "clip:" + ClipVariants.canonical(v)).ifPresent(builder::id);
      return builder.modelDir(dir.get()).build();
    }
    String variant = ClipVariants.canonical(spec.variantName().orElse(null));
    String repo = ClipVariants.onnxRepository(variant);
    // "offline" asks for the hub cache only: a workspace looking for its model never downloads.
    HubClient client = spec.option("offline").map(Boolean::parseBoolean).orElse(false)
        ? HubClient.builder().offline(true).build()
        : hub.get();
    Path snapshot = client.snapshot(repo, spec.option("revision").orElse(null), HUB_FILES);
    return builder.modelDir(snapshot).id("clip:" + variant).build();
  }

  private static Optional<Integer> intOption(ModelSpec spec, String key) {
    return spec.option(key)
        .map(
            v -> {
              try {
                return Integer.parseInt(v.trim());
              } catch (NumberFormatException e) {
                throw new InvalidModelException("option " + key + " must be a number, got '" + v + "'");
              }
            });
  }
}
