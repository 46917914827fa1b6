package dev.crossmodal.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.core.InvalidModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The CLIP-family models this module loads, told apart by {@code config.json}'s {@code model_type}
 * as transformers tells them apart. Each names its provider ({@code --model}), the hub repository
 * downloaded by default and the files of its Hugging Face ONNX layout.
 */
public enum ClipFamily {
  /** openai's CLIP ({@link ClipModel}). */
  CLIP("clip", "clip", ClipVariants.onnxRepository(ClipVariants.DEFAULT), ClipModelProvider.HUB_FILES, List.of()),
  /** Google's SigLIP: SentencePiece text, squashed images, sigmoid scores. */
  SIGLIP(
      "siglip",
      "siglip",
      "Xenova/siglip-base-patch16-224",
      List.of(
          "config.json",
          "preprocessor_config.json",
          "tokenizer.json",
          "tokenizer_config.json",
          "onnx/text_model.onnx",
          "onnx/vision_model.onnx"),
      // Only read for the calibrated score: the split graphs lack logit_scale and logit_bias.
      List.of("onnx/model.onnx")),
  /** OFA-Sys's Chinese-CLIP: BERT WordPiece text with CJK characters split, squashed images. */
  CHINESE_CLIP(
      "chinese_clip",
      "chinese-clip",
      "Xenova/chinese-clip-vit-base-patch16",
      List.of(
          "config.json",
          "preprocessor_config.json",
          "tokenizer.json",
          "tokenizer_config.json",
          "onnx/model.onnx"),
      List.of());

  private final String modelType;
  private final String providerName;
  private final String defaultRepository;
  private final List<String> hubFiles;
  private final List<String> optionalHubFiles;

  ClipFamily(
      String modelType,
      String providerName,
      String defaultRepository,
      List<String> hubFiles,
      List<String> optionalHubFiles) {
    this.modelType = modelType;
    this.providerName = providerName;
    this.defaultRepository = defaultRepository;
    this.hubFiles = List.copyOf(hubFiles);
    this.optionalHubFiles = List.copyOf(optionalHubFiles);
  }

  /**
   * {@code config.json}'s {@code model_type}, such as {@code chinese_clip}.
   *
   * @return the {@code model_type} value naming this family
   */
  public String modelType() {
    return modelType;
  }

  /**
   * {@return the provider name ({@code --model}), such as {@code chinese-clip}; also the model id
   * prefix}
   */
  public String providerName() {
    return providerName;
  }

  /**
   * {@return the hub repository {@code --model <name>} downloads when no directory or variant is
   * given}
   */
  public String defaultRepository() {
    return defaultRepository;
  }

  /** {@return the files of the published ONNX layout that a hub download needs} */
  public List<String> hubFiles() {
    return hubFiles;
  }

  /**
   * {@return files also downloaded when the repository has them (SigLIP's model.onnx, for the
   * calibrated score)}
   */
  public List<String> optionalHubFiles() {
    return optionalHubFiles;
  }

  /**
   * {@return the family of a local model: {@code config.json}'s {@code model_type} for a directory, CLIP
   * for an openai TorchScript file; empty when neither tells}
   *
   * @param modelPath a local model directory or TorchScript file
   * @throws InvalidModelException if {@code config.json} exists but cannot be read
   */
  public static Optional<ClipFamily> detect(Path modelPath) {
    if (Files.isRegularFile(modelPath)) {
      String name = modelPath.getFileName().toString().toLowerCase(Locale.ROOT);
      boolean torchScript = name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".ts");
      return torchScript ? Optional.of(CLIP) : Optional.empty();
    }
    Path config = modelPath.resolve("config.json");
    if (!Files.isRegularFile(config)) {
      return Optional.empty();
    }
    String type = readConfig(config).path("model_type").asText("");
    for (ClipFamily family : values()) {
      if (family.modelType.equals(type)) {
        return Optional.of(family);
      }
    }
    return Optional.empty();
  }

  static JsonNode readConfig(Path config) {
    try {
      return new ObjectMapper().readTree(config.toFile());
    } catch (IOException e) {
      throw new InvalidModelException("cannot read " + config + ": " + e.getMessage(), e);
    }
  }
}
