package dev.crossmodal.image;

import dev.crossmodal.core.InvalidInputException;

/**
 * An image was refused before decoding because its declared size exceeds the decoder's pixel
 * limit or what is left of a {@link PixelBudget}. Batch jobs skip it like any invalid input; a
 * server can answer it with 413.
 */
public class ImageTooLargeException extends InvalidInputException {
  /** The pixels the image declares. */
  private final long pixels;
  /** The pixels that were allowed. */
  private final long limit;

  /**
   * Creates the exception.
   *
   * @param message names the image and the limit it exceeds
   * @param pixels the pixels the image declares
   * @param limit the pixels that were allowed
   */
  public ImageTooLargeException(String message, long pixels, long limit) {
    super(message);
    this.pixels = pixels;
    this.limit = limit;
  }

  /** {@return the pixels the image declares} */
  public long pixels() {
    return pixels;
  }

  /** {@return the limit, or the budget left, that it exceeded} */
  public long limit() {
    return limit;
  }
}
