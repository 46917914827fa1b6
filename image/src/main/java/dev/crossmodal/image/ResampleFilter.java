package dev.crossmodal.image;

/**
 * Resampling filters with Pillow's semantics: when shrinking, the filter's support is widened by
 * the scale factor (antialiasing), exactly as {@code PIL.Image.resize} does.
 */
public enum ResampleFilter {
  /** Nearest neighbour, as Pillow's {@code Image.NEAREST}. */
  NEAREST,
  /** Bilinear (triangle filter), as Pillow's {@code Image.BILINEAR}. */
  BILINEAR,
  /** Bicubic ({@code a = -0.5}), as Pillow's {@code Image.BICUBIC}. */
  BICUBIC
}
