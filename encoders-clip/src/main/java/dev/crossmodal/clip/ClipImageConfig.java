package dev.crossmodal.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.image.ImageTransform;
import dev.crossmodal.image.ResampleFilter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * CLIP's image pre-processing: openai's {@code _transform} (bicubic resize of the short side,
 * centre crop, conversion to RGB last, CLIP mean and std), with its parameters taken from a Hugging
 * Face {@code preprocessor_config.json} when the model has one.
 */
final class ClipImageConfig {
  static final float[] CLIP_MEAN = ImageTransform.openAiClipMean();
  static final float[] CLIP_STD = ImageTransform.openAiClipStd();
  static final int CLIP_SIZE = 224;

  private ClipImageConfig() {}

  /** openai/CLIP's transform for a model whose input is {@code size} pixels square. */
  static ImageTransform openAi(int size) {
    return ImageTransform.openAiClip(size, CLIP_MEAN, CLIP_STD);
  }

  /**
   * Reads {@code size} ({@code shortest_edge} or a number), {@code crop_size} ({@code height}/{@code
   * width} or a number), {@code resample} (PIL's numbering), {@code image_mean} and {@code
   * image_std}; missing keys take openai's values.
   *
   * @throws InvalidModelException naming the file if it cannot be read or asks for something CLIP's
   *     pipeline does not do
   */
  static ImageTransform fromPreprocessorConfig(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new InvalidModelException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (!root.path("do_resize").asBoolean(true) || !root.path("do_center_crop").asBoolean(true)) {
      throw new InvalidModelException(
          file + ": do_resize and do_center_crop must be true for a CLIP image processor");
    }
    int size = dimension(root.path("size"), "shortest_edge", CLIP_SIZE, file);
    int crop = dimension(root.path("crop_size"), "height", size, file);
    JsonNode cropNode = root.path("crop_size");
    if (cropNode.isObject() && cropNode.path("width").asInt(crop) != crop) {
      throw new InvalidModelException(file + ": only square crop sizes are supported");
    }
    ResampleFilter filter = filter(root.path("resample").asInt(3), file);
    float[] mean = CLIP_MEAN;
    float[] std = CLIP_STD;
    if (root.path("do_normalize").asBoolean(true)) {
      mean = triple(root.path("image_mean"), CLIP_MEAN, file);
      std = triple(root.path("image_std"), CLIP_STD, file);
    } else {
      mean = new float[] {0f, 0f, 0f};
      std = new float[] {1f, 1f, 1f};
    }
    return transform(size, crop, filter, mean, std);
  }

  private static ImageTransform transform(
      int size, int crop, ResampleFilter filter, float[] mean, float[] std) {
    return ImageTransform.builder()
        .resizeShortSide(size, filter)
        .centerCrop(crop)
        .convertToRgbFirst(false)
        .normalize(mean, std)
        .build();
  }

  private static int dimension(JsonNode node, String key, int fallback, Path file) {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (node.isInt()) {
      return node.asInt();
    }
    if (node.isObject() && node.path(key).isInt()) {
      return node.path(key).asInt();
    }
    throw new InvalidModelException(file + ": cannot read an image size from " + node);
  }

  /** PIL's filter numbers, which Hugging Face image processors use. */
  private static ResampleFilter filter(int pil, Path file) {
    return switch (pil) {
      case 0 -> ResampleFilter.NEAREST;
      case 2 -> ResampleFilter.BILINEAR;
      case 3 -> ResampleFilter.BICUBIC;
      default -> throw new InvalidModelException(
          file + ": resample " + pil + " is not supported (0 nearest, 2 bilinear, 3 bicubic)");
    };
  }

  private static float[] triple(JsonNode node, float[] fallback, Path file) {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (!node.isArray() || node.size() != 3) {
      throw new InvalidModelException(file + ": expected 3 values, found " + node);
    }
    return new float[] {
      (float) node.get(0).asDouble(), (float) node.get(1).asDouble(), (float) node.get(2).asDouble()
    };
  }
}
