package dev.crossmodal.image;

import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.InvalidInputException;
import java.util.Objects;

/**
 * Decodes an image and turns it into a model's input tensor, reproducing torchvision/PIL
 * pipelines sample for sample: resize of the short side with a Pillow-compatible filter, centre
 * crop with Python's rounding, conversion to RGB (before resizing, as VSE++ does, or after
 * cropping, as openai/CLIP does), scaling to [0, 1] and per-channel normalisation.
 *
 * <p>Until the conversion, images stay in their Pillow mode ({@link PilMode}), because that is
 * what the reference pipelines resize: palette images by nearest neighbour, images with alpha
 * premultiplied, 16-bit greyscale in 32-bit integers. A crop larger than the resized image is
 * zero-padded as torchvision's {@code CenterCrop} pads. {@link #openAiClip(int, float[], float[])}
 * and {@link #vsePlusPlus()} are the two published pipelines, ready made.
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
  private final float[][] normalized;
  private final ImageDecoder decoder;

  private ImageTransform(Builder b) {
    this.resizeShortSide = b.resizeShortSide;
    this.filter = b.filter;
    this.cropSize = b.cropSize;
    this.convertToRgbFirst = b.convertToRgbFirst;
    this.mean = b.mean.clone();
    this.std = b.std.clone();
    this.maxPixels = b.maxPixels;
    this.decoder = new ImageDecoder(maxPixels);
    // The same float32 operations as ToTensor's div(255) and Normalize's sub_(mean).div_(std),
    // tabulated once per channel and grey level.
    this.normalized = new float[3][256];
    for (int c = 0; c < 3; c++) {
      for (int v = 0; v < 256; v++) {
        normalized[c][v] = ((float) v / 255f - mean[c]) / std[c];
      }
    }
  }

  /** openai/CLIP's mean, as its {@code _transform} normalises. */
  public static float[] openAiClipMean() {
    return new float[] {0.48145466f, 0.4578275f, 0.40821073f};
  }

  /** openai/CLIP's standard deviation. */
  public static float[] openAiClipStd() {
    return new float[] {0.26862954f, 0.26130258f, 0.27577711f};
  }

  /** ImageNet's mean, as torchvision's ImageNet models and VSE++ normalise. */
  public static float[] imageNetMean() {
    return new float[] {0.485f, 0.456f, 0.406f};
  }

  /** ImageNet's standard deviation. */
  public static float[] imageNetStd() {
    return new float[] {0.229f, 0.224f, 0.225f};
  }

  /**
   * openai/CLIP's {@code _transform(size)}: bicubic resize of the short side to {@code size} in
   * the image's own mode, centre crop, conversion to RGB, normalisation.
   *
   * <pre>{@code
   * ImageTransform clip = ImageTransform.openAiClip(224, ImageTransform.openAiClipMean(),
   *     ImageTransform.openAiClipStd());
   * }</pre>
   */
  public static ImageTransform openAiClip(int size, float[] mean, float[] std) {
    return builder()
        .resizeShortSide(size, ResampleFilter.BICUBIC)
        .centerCrop(size)
        .convertToRgbFirst(false)
        .normalize(mean, std)
        .build();
  }

  /** {@link #openAiClip(int, float[], float[])} at 224 pixels with CLIP's own statistics. */
  public static ImageTransform openAiClip() {
    return openAiClip(224, openAiClipMean(), openAiClipStd());
  }

  /**
   * VSE++'s test transform: conversion to RGB, bilinear resize of the short side to 256, centre
   * crop of 224, ImageNet normalisation.
   *
   * <pre>{@code
   * PixelTensor input = ImageTransform.vsePlusPlus().apply(ImageSource.of(path));
   * }</pre>
   */
  public static ImageTransform vsePlusPlus() {
    return builder()
        .convertToRgbFirst(true)
        .resizeShortSide(256, ResampleFilter.BILINEAR)
        .centerCrop(224)
        .normalize(imageNetMean(), imageNetStd())
        .build();
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
    return apply(decoder.decode(source));
  }

  /** Transforms an already decoded image. */
  public PixelTensor apply(DecodedImage image) {
    byte[] rgb = cropRgb(image);
    int plane = cropSize * cropSize;
    float[] data = new float[3 * plane];
    for (int c = 0; c < 3; c++) {
      float[] lut = normalized[c];
      int o = c * plane;
      for (int i = c, p = 0; p < plane; i += 3, p++) {
        data[o + p] = lut[rgb[i] & 0xff];
      }
    }
    return new PixelTensor(data, 3, cropSize, cropSize);
  }

  /**
   * The interleaved 8-bit RGB crop that {@code ToTensor} would see: every step of the pipeline
   * but the scaling and normalisation.
   */
  byte[] cropRgb(DecodedImage decoded) {
    DecodedImage image = convertToRgbFirst ? RgbConversion.convert(decoded) : decoded;
    int w = image.width();
    int h = image.height();
    int newW;
    int newH;
    // torchvision 0.14: the long side is int(size * long / short), in double precision.
    if (w <= h) {
      newW = resizeShortSide;
      newH = (int) ((double) ((long) resizeShortSide * h) / w);
    } else {
      newH = resizeShortSide;
      newW = (int) ((double) ((long) resizeShortSide * w) / h);
    }
    DecodedImage cropped =
        PillowResampler.resizeAndCrop(
            image, newW, newH, filter, cropOffset(newW), cropOffset(newH), cropSize, cropSize);
    return RgbConversion.toRgb(cropped);
  }

  /**
   * torchvision's {@code center_crop}: Python's round-half-even of the centred offset, or, when
   * the image is smaller than the crop, zero padding split with the smaller half first.
   */
  private int cropOffset(int size) {
    if (cropSize > size) {
      return -((cropSize - size) / 2);
    }
    return (int) Math.rint((size - cropSize) / 2.0);
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
      this.filter = Objects.requireNonNull(resampleFilter, "resampleFilter");
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
      if (pixels <= 0) {
        throw new IllegalArgumentException("maxPixels must be positive, got " + pixels);
      }
      this.maxPixels = pixels;
      return this;
    }

    public ImageTransform build() {
      return new ImageTransform(this);
    }
  }
}
