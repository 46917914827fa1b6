package dev.crossmodal.image;

/**
 * A model's image input: float32 samples in channel-major order {@code [channels, height,
 * width]}, as PyTorch's {@code ToTensor} and normalisation leave them.
 *
 * @param data {@code channels * height * width} samples
 */
public record PixelTensor(float[] data, int channels, int height, int width) {
  public PixelTensor {
    if ((long) channels * height * width != data.length) {
      throw new IllegalArgumentException(
          "shape [" + channels + "," + height + "," + width + "] does not match " + data.length
              + " samples");
    }
  }

  /** {@return the sample at channel {@code c}, row {@code y}, column {@code x}} */
  public float get(int c, int y, int x) {
    return data[(c * height + y) * width + x];
  }
}
