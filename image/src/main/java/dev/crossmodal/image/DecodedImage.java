package dev.crossmodal.image;

import java.util.Objects;

/**
 * A decoded image in a Pillow mode. 8-bit modes keep their samples interleaved in {@link
 * #pixels()} ({@code (y * width + x) * channels + c}); mode {@link PilMode#I} keeps them in {@link
 * #wide()}. Arrays are shared, not copied: treat them as read-only.
 *
 * <pre>{@code
 * DecodedImage image = new ImageDecoder(ImageTransform.DEFAULT_MAX_PIXELS).decode(source);
 * int grey = image.pixels()[y * image.width() + x] & 0xff; // mode L
 * }</pre>
 *
 * @param mode the pixel layout
 * @param width columns
 * @param height rows
 * @param pixels 8-bit samples (null for mode I)
 * @param wide 32-bit samples (mode I only, else null)
 * @param palette 768 bytes of RGB triplets (mode P only, else null)
 */
public record DecodedImage(
    PilMode mode, int width, int height, byte[] pixels, int[] wide, byte[] palette) {

  /**
   * Checks that the sample arrays match the mode and the size, so a malformed image fails here rather than deep in a resize.
   */
  public DecodedImage {
    Objects.requireNonNull(mode, "mode");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("empty image " + width + "x" + height);
    }
    long samples = (long) width * height * mode.channels();
    if (mode == PilMode.I) {
      if (wide == null || wide.length != samples) {
        throw new IllegalArgumentException("mode I needs " + samples + " int samples");
      }
    } else if (pixels == null || pixels.length != samples) {
      throw new IllegalArgumentException("mode " + mode + " needs " + samples + " byte samples");
    }
    if (mode == PilMode.P && (palette == null || palette.length != 768)) {
      throw new IllegalArgumentException("mode P needs a 768-byte palette");
    }
  }

  /**
   * {@return an 8-bit image of any mode but P and I}
   *
   * @param mode the pixel layout
   * @param width columns
   * @param height rows
   * @param pixels {@code width * height * mode.channels()} 8-bit samples, row by row
   */
  public static DecodedImage of(PilMode mode, int width, int height, byte[] pixels) {
    return new DecodedImage(mode, width, height, pixels, null, null);
  }

  /**
   * {@return a palette image}
   *
   * @param width columns
   * @param height rows
   * @param indices one palette index per pixel, row by row
   * @param palette 768 bytes of RGB triplets
   */
  public static DecodedImage palette(int width, int height, byte[] indices, byte[] palette) {
    return new DecodedImage(PilMode.P, width, height, indices, null, palette);
  }

  /**
   * {@return a 32-bit greyscale image}
   *
   * @param width columns
   * @param height rows
   * @param samples one 32-bit sample per pixel, row by row
   */
  public static DecodedImage wide(int width, int height, int[] samples) {
    return new DecodedImage(PilMode.I, width, height, null, samples, null);
  }
}
