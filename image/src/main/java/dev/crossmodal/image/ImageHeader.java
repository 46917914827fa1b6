package dev.crossmodal.image;

/**
 * What an image file declares before any pixel is decoded: its format and the size of the image
 * that decoding would produce (for icon files, the entry that would be chosen). Reading it costs a
 * few header bytes, so a server can refuse or budget an image before decoding it.
 *
 * <pre>{@code
 * ImageHeader header = decoder.readHeader("upload.jpg", bytes);
 * if (header.pixels() > 12_000_000) { ... }
 * }</pre>
 *
 * @param format the format's short name ({@code "jpeg"}, {@code "png"}, {@code "webp"}, ...)
 * @param width columns
 * @param height rows
 */
public record ImageHeader(String format, int width, int height) {
  /**
   * {@code width * height}.
   *
   * @return the number of pixels decoding would produce
   */
  public long pixels() {
    return (long) width * height;
  }
}
