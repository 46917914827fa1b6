package dev.crossmodal.core.image;

import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.InvalidInputException;

/**
 * Decodes an image and turns it into a model's input tensor, reproducing torchvision/PIL
 * pipelines sample for sample: resize of the short side with a Pillow-compatible filter, centre
 * crop with Python's rounding, conversion to RGB (before resizing, as VSE++ does, or after
 * cropping, as openai/CLIP does), scaling to [0, 1] and per-channel normalisation.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * ImageTransform clip = ImageTransform.builder()
 *     .resizeShortSide(224, ResampleFilter.BICUBIC)
 *     .centerCrop(224)
 *     .convertToRgbFirst(false)
 *     .normalize(new float[] {0.48145466f, 0.4578275f, 0.40821073f},
 *                new float[] {0.26862954f, 0.26130258f, 0.27577711f})
 *     .build();
 * PixelTensor input = clip.apply(ImageSource.of(Path.of("photo.jpg")));
 * }</pre>
 */
public final class ImageTransform {
  /** Images with more pixels than this are refused before decoding (decompression bombs). */
  public static final long DEFAULT_MAX_PIXELS = 89_478_485L; // Pillow's MAX_IMAGE_PIXELS

  private final int resizeShortSide;
  private final ResampleFilter filter;
  private final int cropSize;
  private final boolean convertToRgbFirst;
  private final float[] mean;
  private final float[] std;
  private final long maxPixels;

  private ImageTransform(Builder b) {
    this.resizeShortSide = b.resizeShortSide;
    this.filter = b.filter;
    this.cropSize = b.cropSize;
    this.convertToRgbFirst = b.convertToRgbFirst;
    this.mean = b.mean.clone();
    this.std = b.std.clone();
    this.maxPixels = b.maxPixels;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Decodes and transforms one image.
   *
   * @throws InvalidInputException naming the source if it cannot be read or decoded, or is too
   *     large
   */
  public PixelTensor apply(ImageSource source) {
    throw new UnsupportedOperationException("image pipeline not implemented yet");
  }

  public int resizeShortSide() {
    return resizeShortSide;
  }

  public ResampleFilter filter() {
    return filter;
  }

  public int cropSize() {
    return cropSize;
  }

  public boolean convertToRgbFirst() {
    return convertToRgbFirst;
  }

  public float[] mean() {
    return mean.clone();
  }

  public float[] std() {
    return std.clone();
  }

  public long maxPixels() {
    return maxPixels;
  }

  /** Configures an {@link ImageTransform}. */
  public static final class Builder {
    private int resizeShortSide = 224;
    private ResampleFilter filter = ResampleFilter.BICUBIC;
    private int cropSize = 224;
    private boolean convertToRgbFirst;
    private float[] mean = {0f, 0f, 0f};
    private float[] std = {1f, 1f, 1f};
    private long maxPixels = DEFAULT_MAX_PIXELS;

    private Builder() {}

    /** Resizes so that the short side is {@code size}; the long side is {@code int(size * long / short)}. */
    public Builder resizeShortSide(int size, ResampleFilter resampleFilter) {
      if (size <= 0) {
        throw new IllegalArgumentException("resize size must be positive, got " + size);
      }
      this.resizeShortSide = size;
      this.filter = resampleFilter;
      return this;
    }

    /** Crops a centred square of this size after resizing. */
    public Builder centerCrop(int size) {
      if (size <= 0) {
        throw new IllegalArgumentException("crop size must be positive, got " + size);
      }
      this.cropSize = size;
      return this;
    }

    /**
     * {@code true}: convert to RGB right after decoding (VSE++); {@code false}: resize and crop in
     * the image's own mode and convert last (openai/CLIP).
     */
    public Builder convertToRgbFirst(boolean first) {
      this.convertToRgbFirst = first;
      return this;
    }

    /** Per-channel mean and standard deviation applied after scaling to [0, 1]. */
    public Builder normalize(float[] channelMean, float[] channelStd) {
      if (channelMean.length != 3 || channelStd.length != 3) {
        throw new IllegalArgumentException("mean and std need 3 values each");
      }
      this.mean = channelMean.clone();
      this.std = channelStd.clone();
      return this;
    }

    /** Largest accepted width x height; larger images are refused before decoding. */
    public Builder maxPixels(long pixels) {
      this.maxPixels = pixels;
      return this;
    }

    public ImageTransform build() {
      return new ImageTransform(this);
    }
  }
}
