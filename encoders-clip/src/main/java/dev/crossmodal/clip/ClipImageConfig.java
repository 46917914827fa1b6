package dev.crossmodal.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.image.ImageTransform;
import dev.crossmodal.image.ImageTransform.CropRounding;
import dev.crossmodal.image.ResampleFilter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The image pre-processing of CLIP-family models, read from a Hugging Face {@code
 * preprocessor_config.json}: resize (the short side to {@code size.shortest_edge}, or exactly to
 * {@code size.height x size.width}), optional centre crop ({@code do_center_crop}, {@code
 * crop_size}; when the file says neither, a crop follows a shortest-edge resize only), {@code resample} (PIL's numbering), {@code rescale_factor}, {@code image_mean} and
 * {@code image_std}. Any combination of these needs no code: a new model family only chooses its
 * {@link Conventions}, the steps its reference performs that the file does not say.
 */
final class ClipImageConfig {
  static final float[] CLIP_MEAN = ImageTransform.openAiClipMean();
  static final float[] CLIP_STD = ImageTransform.openAiClipStd();
  static final int CLIP_SIZE = 224;

  /**
   * What a family's reference does beyond its config file.
   *
   * @param convertToRgbFirst convert to RGB before resizing (Hugging Face processors) or after
   *     cropping (openai/CLIP)
   * @param cropRounding how an odd crop margin is split
   */
  record Conventions(boolean convertToRgbFirst, CropRounding cropRounding) {
    /** openai/CLIP's {@code _transform}: torchvision's resize and crop, RGB last. */
    static final Conventions OPENAI = new Conventions(false, CropRounding.ROUND_HALF_EVEN);

    /** transformers' image processors: RGB first, floored crop offset. */
    static final Conventions HUGGING_FACE = new Conventions(true, CropRounding.FLOOR);
  }

  private ClipImageConfig() {}

  /** openai/CLIP's transform for a model whose input is {@code size} pixels square. */
  static ImageTransform openAi(int size) {
    return ImageTransform.openAiClip(size, CLIP_MEAN, CLIP_STD);
  }

  /**
   * Reads the file; missing keys take openai/CLIP's values (shortest edge 224, crop 224,
   * bicubic, 1/255, CLIP mean and std).
   *
   * @throws InvalidModelException naming the file if it cannot be read or asks for something the
   *     image pipeline does not do
   */
  static ImageTransform fromPreprocessorConfig(Path file, Conventions conventions) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new InvalidModelException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (!root.path("do_resize").asBoolean(true)) {
      throw new InvalidModelException(
          file + ": do_resize is false, but the model needs images of a fixed size");
    }
    ImageTransform.Builder builder =
        ImageTransform.builder()
            .convertToRgbFirst(conventions.convertToRgbFirst())
            .cropRounding(conventions.cropRounding());
    ResampleFilter filter = filter(root.path("resample").asInt(3), file);
    JsonNode size = root.path("size");
    boolean exact = size.isObject() && size.has("height") && size.has("width");
    if (exact) {
      builder.resizeExact(size.path("width").asInt(), size.path("height").asInt(), filter);
    } else {
      builder.resizeShortSide(dimension(size, "shortest_edge", CLIP_SIZE, file), filter);
    }
    // Processors without a crop step (SigLIP's) write neither key; CLIP's write both.
    boolean cropByDefault = !exact || root.has("crop_size");
    if (root.path("do_center_crop").asBoolean(cropByDefault)) {
      JsonNode cropNode = root.path("crop_size");
      int crop = dimension(cropNode, "height", exact ? size.path("height").asInt() : dimension(size, "shortest_edge", CLIP_SIZE, file), file);
      if (cropNode.isObject() && cropNode.path("width").asInt(crop) != crop) {
        throw new InvalidModelException(file + ": only square crop sizes are supported, got " + cropNode);
      }
      builder.centerCrop(crop);
    } else if (exact) {
      builder.noCrop();
    } else {
      throw new InvalidModelException(
          file + ": resizing the shortest edge without a centre crop gives images of varying size,"
              + " which the model cannot batch");
    }
    builder.rescale(
        root.path("do_rescale").asBoolean(true) ? root.path("rescale_factor").asDouble(1.0 / 255.0) : 1.0);
    if (root.path("do_normalize").asBoolean(true)) {
      builder.normalize(triple(root.path("image_mean"), CLIP_MEAN, file), triple(root.path("image_std"), CLIP_STD, file));
    } else {
      builder.normalize(new float[] {0f, 0f, 0f}, new float[] {1f, 1f, 1f});
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new InvalidModelException(file + ": " + e.getMessage(), e);
    }
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
    if (node.isNumber()) {
      float v = (float) node.asDouble();
      return new float[] {v, v, v};
    }
    if (!node.isArray() || node.size() != 3) {
      throw new InvalidModelException(file + ": expected 3 values, found " + node);
    }
    return new float[] {
      (float) node.get(0).asDouble(), (float) node.get(1).asDouble(), (float) node.get(2).asDouble()
    };
  }
}
