package dev.crossmodal.image;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A number of pixels that a unit of work (one request, one upload batch) may decode in all. Each
 * decode charges the image's declared {@code width * height} before any pixel buffer is allocated;
 * an image that does not fit in what is left is refused with {@link ImageTooLargeException} and
 * charges nothing. Thread-safe: the images of one request may be decoded in parallel.
 *
 * <pre>{@code
 * PixelBudget budget = PixelBudget.of(24_000_000);       // per request
 * for (ImageSource upload : uploads) {
 *   DecodedImage image = decoder.decode(upload, budget);  // refused once the budget is spent
 *   tensors.add(transform.apply(image));
 * }
 * }</pre>
 */
public final class PixelBudget {
  private final long total;
  private final AtomicLong remaining;

  private PixelBudget(long total) {
    this.total = total;
    this.remaining = new AtomicLong(total);
  }

  /**
   * {@return a budget of {@code pixels} in all}
   *
   * @param pixels the pixels all charged images may declare together
   */
  public static PixelBudget of(long pixels) {
    if (pixels <= 0) {
      throw new IllegalArgumentException("a pixel budget must be positive, got " + pixels);
    }
    return new PixelBudget(pixels);
  }

  /** {@return a budget that never refuses (the decoder's own pixel limit still applies)} */
  public static PixelBudget unlimited() {
    return new PixelBudget(Long.MAX_VALUE);
  }

  /**
   * Takes the header's pixels from the budget.
   *
   * @param name names the image in the error message
   * @param header the image's header, read before decoding
   * @throws ImageTooLargeException naming the image if fewer pixels are left
   */
  public void charge(String name, ImageHeader header) {
    long pixels = header.pixels();
    long left;
    do {
      left = remaining.get();
      if (pixels > left) {
        throw new ImageTooLargeException(
            "image " + name + " (" + header.width() + "x" + header.height() + " = " + pixels
                + " pixels) exceeds the pixel budget: " + left + " of " + total + " left",
            pixels,
            left);
      }
    } while (!remaining.compareAndSet(left, left - pixels));
  }

  /** {@return pixels not yet charged} */
  public long remaining() {
    return remaining.get();
  }

  /** {@return the budget's size} */
  public long total() {
    return total;
  }
}
