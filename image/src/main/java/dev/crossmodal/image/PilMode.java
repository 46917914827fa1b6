package dev.crossmodal.image;

/**
 * The pixel layouts ("modes") that Pillow gives decoded images, and that the pipeline keeps until
 * the step where the reference pipeline converts to RGB: resizing a palette image, an image with
 * alpha or a 16-bit greyscale image is not the same operation as resizing its RGB conversion.
 *
 * <pre>{@code
 * DecodedImage image = new ImageDecoder(ImageTransform.DEFAULT_MAX_PIXELS).decode(source);
 * if (image.mode() == PilMode.P) { ... }
 * }</pre>
 */
public enum PilMode {
  /** Bilevel ("1"): one byte per pixel holding 0 or 255. */
  BILEVEL(1),
  /** Greyscale, 8 bits. */
  L(1),
  /** Greyscale with straight (not premultiplied) alpha. */
  LA(2),
  /** Palette indices; the palette holds 256 RGB triplets. */
  P(1),
  /** RGB, 8 bits per channel. */
  RGB(3),
  /** RGB with straight alpha. */
  RGBA(4),
  /** CMYK as Pillow holds it (ink amounts, 255 = full ink), after Adobe inversion. */
  CMYK(4),
  /** 32-bit signed greyscale ("I"): how Pillow 9 opens 16-bit greyscale PNGs. */
  I(1);

  private final int channels;

  PilMode(int channels) {
    this.channels = channels;
  }

  /** {@return the mode's name in Pillow ({@code "1"}, {@code "L"}, {@code "RGBA"}, ...)} */
  public String pillowName() {
    return this == BILEVEL ? "1" : name();
  }

  /**
   * Samples per pixel in {@link DecodedImage#pixels()} or {@link DecodedImage#wide()}.
   *
   * @return samples per pixel
   */
  public int channels() {
    return channels;
  }
}
