package dev.crossmodal.image;

/**
 * A model's image input: float32 samples in channel-major order {@code [channels, height,
 * width]}, as PyTorch's {@code ToTensor} and normalisation leave them.
 *
 * @param channels the number of channels, 3 for RGB
 * @param height rows
 * @param width columns
 * @param data {@code channels * height * width} samples
 */
public record PixelTensor(float[] data, int channels, int height, int width) {
  /** Checks that {@code data} has exactly {@code channels * height * width} samples. */
  public PixelTensor {
    if ((long) channels * height * width != data.length) {
      throw new IllegalArgumentException(
          "shape [" + channels + "," + height + "," + width + "] does not match " + data.length
              + " samples");
    }
  }

  /**
   * {@return the sample at channel {@code c}, row {@code y}, column {@code x}}
   *
   * @param c the channel
   * @param y the row
   * @param x the column
   */
  public float get(int c, int y, int x) {
    return data[(c * height + y) * width + x];
  }
}
