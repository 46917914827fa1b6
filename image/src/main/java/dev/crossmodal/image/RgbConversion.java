package dev.crossmodal.image;

/**
 * Pillow's {@code convert("RGB")} for every {@link PilMode}: greyscale replicated, alpha dropped,
 * palette expanded, CMYK by Pillow's naive formula (no colour management), 32-bit greyscale
 * clipped to 0..255.
 */
final class RgbConversion {
  private RgbConversion() {}

  /** Interleaved RGB bytes of the image. */
  static byte[] toRgb(DecodedImage image) {
    int n = image.width() * image.height();
    byte[] rgb = new byte[n * 3];
    byte[] px = image.pixels();
    switch (image.mode()) {
      case RGB -> System.arraycopy(px, 0, rgb, 0, rgb.length);
      case BILEVEL, L -> {
        for (int i = 0, o = 0; i < n; i++, o += 3) {
          rgb[o] = rgb[o + 1] = rgb[o + 2] = px[i];
        }
      }
      case LA -> {
        for (int i = 0, o = 0; i < n; i++, o += 3) {
          rgb[o] = rgb[o + 1] = rgb[o + 2] = px[2 * i];
        }
      }
      case RGBA -> {
        for (int i = 0, o = 0; i < n; i++, o += 3) {
          rgb[o] = px[4 * i];
          rgb[o + 1] = px[4 * i + 1];
          rgb[o + 2] = px[4 * i + 2];
        }
      }
      case P -> {
        byte[] palette = image.palette();
        for (int i = 0, o = 0; i < n; i++, o += 3) {
          int entry = (px[i] & 0xff) * 3;
          rgb[o] = palette[entry];
          rgb[o + 1] = palette[entry + 1];
          rgb[o + 2] = palette[entry + 2];
        }
      }
      case CMYK -> {
        for (int i = 0, o = 0; i < n; i++, o += 3) {
          int notBlack = 255 - (px[4 * i + 3] & 0xff);
          for (int c = 0; c < 3; c++) {
            int v = notBlack - AlphaPremultiplication.mulDiv255(px[4 * i + c] & 0xff, notBlack);
            rgb[o + c] = (byte) Math.max(0, Math.min(255, v));
          }
        }
      }
      case I -> {
        int[] wide = image.wide();
        for (int i = 0, o = 0; i < n; i++, o += 3) {
          int v = wide[i];
          rgb[o] = rgb[o + 1] = rgb[o + 2] = (byte) (v < 0 ? 0 : Math.min(v, 255));
        }
      }
      default -> throw new IllegalStateException("unknown mode " + image.mode());
    }
    return rgb;
  }

  /** The image as an RGB-mode image. */
  static DecodedImage convert(DecodedImage image) {
    if (image.mode() == PilMode.RGB) {
      return image;
    }
    return DecodedImage.of(PilMode.RGB, image.width(), image.height(), toRgb(image));
  }
}
