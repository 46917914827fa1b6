package dev.crossmodal.image;

/**
 * Pillow's conversions between straight and premultiplied alpha ("RGBA" and "RGBa", "LA" and
 * "La"), with its exact integer rounding: premultiplying rounds ({@code MULDIV255}),
 * unpremultiplying truncates and keeps the colour of fully transparent and fully opaque pixels.
 * The alpha sample is always the last one of a pixel.
 */
final class AlphaPremultiplication {
  private AlphaPremultiplication() {}

  static byte[] premultiply(byte[] pixels, int channels) {
    byte[] out = new byte[pixels.length];
    int colours = channels - 1;
    for (int p = 0; p < pixels.length; p += channels) {
      int alpha = pixels[p + colours] & 0xff;
      for (int c = 0; c < colours; c++) {
        out[p + c] = (byte) mulDiv255(pixels[p + c] & 0xff, alpha);
      }
      out[p + colours] = (byte) alpha;
    }
    return out;
  }

  static void unpremultiplyInPlace(byte[] pixels, int channels) {
    int colours = channels - 1;
    for (int p = 0; p < pixels.length; p += channels) {
      int alpha = pixels[p + colours] & 0xff;
      if (alpha == 0 || alpha == 255) {
        continue;
      }
      for (int c = 0; c < colours; c++) {
        int v = (255 * (pixels[p + c] & 0xff)) / alpha;
        pixels[p + c] = (byte) Math.min(v, 255);
      }
    }
  }

  /** {@code round(a * b / 255)} as Pillow computes it, without a division. */
  static int mulDiv255(int a, int b) {
    int tmp = a * b + 128;
    return ((tmp >> 8) + tmp) >> 8;
  }
}
