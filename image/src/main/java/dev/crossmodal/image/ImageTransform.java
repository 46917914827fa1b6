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
 * <p>Hugging Face image processors add two other shapes of pipeline, both configurable here: a
 * resize to an exact size that ignores the aspect ratio ({@link Builder#resizeExact}, SigLIP,
 * Chinese-CLIP), optionally without a crop ({@link Builder#noCrop()}), and a centre crop whose offset
 * is floored ({@link CropRounding#FLOOR}) rather than rounded as torchvision rounds it. The scaling
 * factor ({@link Builder#rescale}) is CLIP's 1/255 unless a processor asks for another.
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
  public static final long DEFAULT_MAX_PIXELS = ImageDecoder.PILLOW_MAX_PIXELS;

  /** ToTensor's scaling; computed as {@code v / 255f}, exactly as torchvision divides. */
  private static final double UNIT_SCALE = 1.0 / 255.0;

  /** How a centre crop's offset is rounded when the margin is odd. */
  public enum CropRounding {
    /** torchvision's {@code center_crop}: {@code round((size - crop) / 2)}, half to even. */
    ROUND_HALF_EVEN,
    /** Hugging Face's {@code center_crop} (and PIL's {@code ImageOps.fit}): {@code (size - crop) // 2}. */
    FLOOR
  }

  private final int resizeShortSide;
  private final int resizeWidth;
  private final int resizeHeight;
  private final ResampleFilter filter;
  private final int cropSize;
  private final boolean crop;
  private final CropRounding cropRounding;
  private final double rescaleFactor;
  private final boolean convertToRgbFirst;
  private final float[] mean;
  private final float[] std;
  private final long maxPixels;
  private final float[][] normalized;
  private final ImageDecoder decoder;

  private ImageTransform(Builder b) {
    this.resizeShortSide = b.resizeShortSide;
    this.resizeWidth = b.resizeWidth;
    this.resizeHeight = b.resizeHeight;
    this.filter = b.filter;
    this.cropSize = b.cropSize;
    this.crop = b.crop;
    this.cropRounding = b.cropRounding;
    this.rescaleFactor = b.rescaleFactor;
    if (!crop && resizeWidth == 0) {
      throw new IllegalArgumentException(
          "an image resized by its short side needs a centre crop to have a fixed size");
    }
    this.convertToRgbFirst = b.convertToRgbFirst;
    this.mean = b.mean.clone();
    this.std = b.std.clone();
    this.maxPixels = b.maxPixels;
    this.decoder =
        ImageDecoder.builder()
            .maxPixels(maxPixels)
            .applyExifOrientation(b.applyExifOrientation)
            .build();
    // The same float32 operations as ToTensor's div(255) and Normalize's sub_(mean).div_(std),
    // tabulated once per channel and grey level.
    this.normalized = new float[3][256];
    for (int c = 0; c < 3; c++) {
      for (int v = 0; v < 256; v++) {
        float scaled = rescaleFactor == UNIT_SCALE ? (float) v / 255f : (float) (v * rescaleFactor);
        normalized[c][v] = (scaled - mean[c]) / std[c];
      }
    }
  }

  /** {@return openai/CLIP's mean, as its {@code _transform} normalises} */
  public static float[] openAiClipMean() {
    return new float[] {0.48145466f, 0.4578275f, 0.40821073f};
  }

  /** {@return openai/CLIP's standard deviation} */
  public static float[] openAiClipStd() {
    return new float[] {0.26862954f, 0.26130258f, 0.27577711f};
  }

  /** {@return ImageNet's mean, as torchvision's ImageNet models and VSE++ normalise} */
  public static float[] imageNetMean() {
    return new float[] {0.485f, 0.456f, 0.406f};
  }

  /** {@return ImageNet's standard deviation} */
  public static float[] imageNetStd() {
    return new float[] {0.229f, 0.224f, 0.225f};
  }

  /**
   * {@return openai/CLIP's {@code _transform(size)}: bicubic resize of the short side to {@code size} in
   * the image's own mode, centre crop, conversion to RGB, normalisation}
   *
   * <pre>{@code
   * ImageTransform clip = ImageTransform.openAiClip(224, ImageTransform.openAiClipMean(),
   *     ImageTransform.openAiClipStd());
   * }</pre>
   *
   * @param size the side of the square output, in pixels
   * @param mean per-channel mean, RGB order
   * @param std per-channel standard deviation, RGB order
   */
  public static ImageTransform openAiClip(int size, float[] mean, float[] std) {
    return builder()
        .resizeShortSide(size, ResampleFilter.BICUBIC)
        .centerCrop(size)
        .convertToRgbFirst(false)
        .normalize(mean, std)
        .build();
  }

  /**
   * {@link #openAiClip(int, float[], float[])} at 224 pixels with CLIP's own statistics.
   *
   * @return CLIP's transform at 224 pixels
   */
  public static ImageTransform openAiClip() {
    return openAiClip(224, openAiClipMean(), openAiClipStd());
  }

  /**
   * {@return VSE++'s test transform: conversion to RGB, bilinear resize of the short side to 256, centre
   * crop of 224, ImageNet normalisation}
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

  /** {@return a builder with no resize, no crop and no normalisation} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Decodes and transforms one image.
   *
   * @param source the encoded image
   * @return the model input
   * @throws InvalidInputException naming the source if it cannot be read or decoded, or is too
   *     large
   */
  public PixelTensor apply(ImageSource source) {
    return apply(decoder.decode(source));
  }

  /**
   * Transforms an already decoded image.
   *
   * @param image the decoded image
   * @return the model input
   */
  public PixelTensor apply(DecodedImage image) {
    byte[] rgb = cropRgb(image);
    int plane = outputWidth() * outputHeight();
    float[] data = new float[3 * plane];
    for (int c = 0; c < 3; c++) {
      float[] lut = normalized[c];
      int o = c * plane;
      for (int i = c, p = 0; p < plane; i += 3, p++) {
        data[o + p] = lut[rgb[i] & 0xff];
      }
    }
    return new PixelTensor(data, 3, outputHeight(), outputWidth());
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
    if (resizeWidth > 0) {
      newW = resizeWidth;
      newH = resizeHeight;
    } else if (w <= h) {
      newW = resizeShortSide;
      newH = (int) ((double) ((long) resizeShortSide * h) / w);
    } else {
      newH = resizeShortSide;
      newW = (int) ((double) ((long) resizeShortSide * w) / h);
    }
    DecodedImage cropped =
        crop
            ? PillowResampler.resizeAndCrop(
                image, newW, newH, filter, cropOffset(newW), cropOffset(newH), cropSize, cropSize)
            : PillowResampler.resize(image, newW, newH, filter);
    return RgbConversion.toRgb(cropped);
  }

  /**
   * The centred offset, rounded as {@link #cropRounding()} says, or, when the image is smaller
   * than the crop, zero padding split with the smaller half first (torchvision and Hugging Face
   * pad alike).
   */
  private int cropOffset(int size) {
    if (cropSize > size) {
      return -((cropSize - size) / 2);
    }
    return cropRounding == CropRounding.FLOOR
        ? (size - cropSize) / 2
        : (int) Math.rint((size - cropSize) / 2.0);
  }

  /** {@return the short side's target length, or 0 when the image is resized to an exact size} */
  public int resizeShortSide() {
    return resizeWidth > 0 ? 0 : resizeShortSide;
  }

  /** {@return the exact width images are resized to, or 0 when the short side is resized} */
  public int resizeWidth() {
    return resizeWidth;
  }

  /** {@return the exact height images are resized to, or 0 when the short side is resized} */
  public int resizeHeight() {
    return resizeHeight;
  }

  /** {@return whether a centre crop of {@link #cropSize()} follows the resize} */
  public boolean crops() {
    return crop;
  }

  /**
   * {@return how the crop offset is rounded: floored as Pillow does, or rounded as torchvision does}
   */
  public CropRounding cropRounding() {
    return cropRounding;
  }

  /**
   * {@return the factor 8-bit samples are multiplied by before normalisation (1/255 by default)}
   */
  public double rescaleFactor() {
    return rescaleFactor;
  }

  /** {@return the width of the tensors this transform produces} */
  public int outputWidth() {
    return crop ? cropSize : resizeWidth;
  }

  /** {@return the height of the tensors this transform produces} */
  public int outputHeight() {
    return crop ? cropSize : resizeHeight;
  }

  /** {@return the filter of the resize} */
  public ResampleFilter filter() {
    return filter;
  }

  /** {@return the side of the centre crop, in pixels} */
  public int cropSize() {
    return cropSize;
  }

  /** {@return whether images are converted to RGB right after decoding rather than last} */
  public boolean convertToRgbFirst() {
    return convertToRgbFirst;
  }

  /** {@return a copy of the per-channel mean subtracted in normalisation} */
  public float[] mean() {
    return mean.clone();
  }

  /** {@return a copy of the per-channel standard deviation divided by in normalisation} */
  public float[] std() {
    return std.clone();
  }

  /** {@return the largest {@code width * height} decoded; larger images are refused} */
  public long maxPixels() {
    return maxPixels;
  }

  /**
   * {@return the decoder {@link #apply(ImageSource)} uses: a server can read an upload's {@link
   * ImageHeader} with it and charge a {@link PixelBudget} before queueing the image}
   */
  public ImageDecoder decoder() {
    return decoder;
  }

  /** Configures an {@link ImageTransform}. */
  public static final class Builder {
    private int resizeShortSide = 224;
    private int resizeWidth;
    private int resizeHeight;
    private ResampleFilter filter = ResampleFilter.BICUBIC;
    private int cropSize = 224;
    private boolean crop = true;
    private CropRounding cropRounding = CropRounding.ROUND_HALF_EVEN;
    private double rescaleFactor = UNIT_SCALE;
    private boolean convertToRgbFirst;
    private float[] mean = {0f, 0f, 0f};
    private float[] std = {1f, 1f, 1f};
    private long maxPixels = DEFAULT_MAX_PIXELS;
    private boolean applyExifOrientation;

    private Builder() {}

    /**
     * Turn images upright by their EXIF orientation before anything else (default: off). This
     * departs from openai/CLIP's and VSE++'s pipelines, which never rotate; see {@link
     * ImageDecoder.Builder#applyExifOrientation}.
     *
     * @param apply turn images upright by their EXIF orientation before anything else (default:
     *     off)
     * @return this builder
     */
    public Builder applyExifOrientation(boolean apply) {
      this.applyExifOrientation = apply;
      return this;
    }

    /**
     * Resizes so that the short side is {@code size}; the long side is {@code int(size * long / short)}.
     *
     * @param size the length of the short side after resizing, in pixels
     * @param resampleFilter the filter that computes the resized pixels
     * @return this builder
     */
    public Builder resizeShortSide(int size, ResampleFilter resampleFilter) {
      if (size <= 0) {
        throw new IllegalArgumentException("resize size must be positive, got " + size);
      }
      this.resizeShortSide = size;
      this.resizeWidth = 0;
      this.resizeHeight = 0;
      this.filter = Objects.requireNonNull(resampleFilter, "resampleFilter");
      return this;
    }

    /**
     * Resizes to exactly {@code width x height}, ignoring the aspect ratio, as Hugging Face
     * processors do when {@code size} is {@code {"height", "width"}} (SigLIP, Chinese-CLIP).
     *
     * @param width the width after resizing, in pixels
     * @param height the height after resizing, in pixels
     * @param resampleFilter the filter that computes the resized pixels
     * @return this builder
     */
    public Builder resizeExact(int width, int height, ResampleFilter resampleFilter) {
      if (width <= 0 || height <= 0) {
        throw new IllegalArgumentException("resize size must be positive, got " + width + "x" + height);
      }
      this.resizeWidth = width;
      this.resizeHeight = height;
      this.filter = Objects.requireNonNull(resampleFilter, "resampleFilter");
      return this;
    }

    /**
     * Crops a centred square of this size after resizing.
     *
     * @param size crops a centred square of this size after resizing
     * @return this builder
     */
    public Builder centerCrop(int size) {
      if (size <= 0) {
        throw new IllegalArgumentException("crop size must be positive, got " + size);
      }
      this.cropSize = size;
      this.crop = true;
      return this;
    }

    /**
     * No crop: the tensor is the resized image (only with {@link #resizeExact}).
     *
     * @return this builder
     */
    public Builder noCrop() {
      this.crop = false;
      return this;
    }

    /**
     * How the crop offset is rounded; default torchvision's {@link CropRounding#ROUND_HALF_EVEN}.
     *
     * @param rounding how the crop offset is rounded; default torchvision's {@link
     *     CropRounding#ROUND_HALF_EVEN}
     * @return this builder
     */
    public Builder cropRounding(CropRounding rounding) {
      this.cropRounding = Objects.requireNonNull(rounding, "rounding");
      return this;
    }

    /**
     * The factor 8-bit samples are multiplied by before normalisation: a processor's {@code
     * rescale_factor}, or 1 when it does not rescale. Default 1/255.
     *
     * @param factor the factor 8-bit samples are multiplied by before normalisation: a processor's
     *     {@code rescale_factor}, or 1 when it does not rescale
     * @return this builder
     */
    public Builder rescale(double factor) {
      if (!(factor > 0) || Double.isInfinite(factor)) {
        throw new IllegalArgumentException("rescale factor must be positive, got " + factor);
      }
      this.rescaleFactor = Math.abs(factor - UNIT_SCALE) < 1e-12 ? UNIT_SCALE : factor;
      return this;
    }

    /**
     * {@code true}: convert to RGB right after decoding (VSE++); {@code false}: resize and crop in
     * the image's own mode and convert last (openai/CLIP).
     *
     * @param first {@code true}: convert to RGB right after decoding (VSE++); {@code false}: resize
     *     and crop in the image's own mode and convert last (openai/CLIP)
     * @return this builder
     */
    public Builder convertToRgbFirst(boolean first) {
      this.convertToRgbFirst = first;
      return this;
    }

    /**
     * Per-channel mean and standard deviation applied after scaling to [0, 1].
     *
     * @param channelMean the mean subtracted from each channel, in channel order
     * @param channelStd the standard deviation each channel is divided by, in channel order
     * @return this builder
     */
    public Builder normalize(float[] channelMean, float[] channelStd) {
      if (channelMean.length != 3 || channelStd.length != 3) {
        throw new IllegalArgumentException("mean and std need 3 values each");
      }
      this.mean = channelMean.clone();
      this.std = channelStd.clone();
      return this;
    }

    /**
     * Largest accepted width x height; larger images are refused before decoding.
     *
     * @param pixels largest accepted width x height; larger images are refused before decoding
     * @return this builder
     */
    public Builder maxPixels(long pixels) {
      if (pixels <= 0) {
        throw new IllegalArgumentException("maxPixels must be positive, got " + pixels);
      }
      this.maxPixels = pixels;
      return this;
    }

    /** {@return a transform with this builder's settings} */
    public ImageTransform build() {
      return new ImageTransform(this);
    }
  }
}
