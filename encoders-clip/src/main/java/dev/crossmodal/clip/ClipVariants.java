package dev.crossmodal.clip;

import java.util.Locale;
import java.util.Map;

/**
 * Names users give CLIP models, mapped to the canonical openai name and the hub repository whose
 * ONNX export is downloaded. openai publishes PyTorch weights only; Xenova's repositories hold the
 * Hugging Face / Optimum ONNX export of exactly those weights.
 */
final class ClipVariants {
  /** The model {@code --model clip} gives without a variant. */
  static final String DEFAULT = "openai/clip-vit-base-patch32";

  private static final Map<String, String> ONNX_REPOS =
      Map.of(
          "openai/clip-vit-base-patch32", "Xenova/clip-vit-base-patch32",
          "openai/clip-vit-base-patch16", "Xenova/clip-vit-base-patch16",
          "openai/clip-vit-large-patch14", "Xenova/clip-vit-large-patch14",
          "openai/clip-vit-large-patch14-336", "Xenova/clip-vit-large-patch14-336");

  private static final Map<String, String> ALIASES =
      Map.of(
          "vit-b/32", "openai/clip-vit-base-patch32",
          "vit-b-32", "openai/clip-vit-base-patch32",
          "vit-b/16", "openai/clip-vit-base-patch16",
          "vit-b-16", "openai/clip-vit-base-patch16",
          "vit-l/14", "openai/clip-vit-large-patch14",
          "vit-l-14", "openai/clip-vit-large-patch14",
          "vit-l/14@336px", "openai/clip-vit-large-patch14-336",
          "vit-l-14-336", "openai/clip-vit-large-patch14-336");

  private ClipVariants() {}

  /** The canonical name: openai's hub name for known models and aliases, else the name itself. */
  static String canonical(String variant) {
    if (variant == null || variant.isBlank()) {
      return DEFAULT;
    }
    String key = variant.trim().toLowerCase(Locale.ROOT);
    if (ALIASES.containsKey(key)) {
      return ALIASES.get(key);
    }
    if (ONNX_REPOS.containsKey(key)) {
      return key;
    }
    return variant.trim();
  }

  /**
   * The hub repository to download the ONNX layout from: Xenova's export for openai's models, else
   * the named repository itself (which must then be in the Hugging Face ONNX layout).
   */
  static String onnxRepository(String canonical) {
    return ONNX_REPOS.getOrDefault(canonical, canonical);
  }
}
