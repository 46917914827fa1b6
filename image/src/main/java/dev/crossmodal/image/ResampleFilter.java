package dev.crossmodal.image;

/**
 * Resampling filters with Pillow's semantics: when shrinking, the filter's support is widened by
 * the scale factor (antialiasing), exactly as {@code PIL.Image.resize} does.
 */
public enum ResampleFilter {
  NEAREST,
  BILINEAR,
  BICUBIC
}
