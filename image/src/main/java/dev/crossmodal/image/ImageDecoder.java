package dev.crossmodal.image;

import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.InvalidInputException;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes image files into the pixels and {@link PilMode mode} that Pillow 9.4's {@code
 * Image.open} gives for them, so that the rest of the pipeline can follow Pillow step by step:
 * JPEG, PNG, WebP (lossy, lossless, alpha), TIFF (any compression, CMYK), TGA, ICO and CUR (the
 * entry Pillow picks), PPM/PGM/PBM, BMP, GIF (first frame) and JPEG 2000.
 *
 * <p>Like Pillow, it never applies embedded colour profiles: samples are returned as coded, and
 * CMYK stays CMYK until {@link RgbConversion} applies Pillow's formula. JPEG and PNG go through the
 * JDK's own readers, which give Pillow's pixels exactly (the JDK's JPEG decoder is the IJG code
 * that Pillow's libjpeg is built from; ICC segments are removed before it sees the file, because
 * it would convert from them). The other formats go through the TwelveMonkeys and jai-imageio
 * plug-ins, whose samples are taken from the decoded raster, never through the colour model.
 *
 * <p>Decoding has a budget: the declared size is read from the header and checked against the
 * pixel limit and the caller's {@link PixelBudget} before any pixel buffer is allocated, and a
 * JPEG or PNG whose data is provably too short for its declared size (the cheap decompression
 * bomb: a few hundred bytes declaring 9000x9000) is refused as truncated from the header, as
 * Pillow would refuse it after decoding. No image is ever decoded at reduced resolution: no
 * subsampled decode gives the pixels that the published pipelines' antialiased resize computes
 * from every source pixel, so an image over the budget is refused, never approximated.
 *
 * <p>Every failure (unreadable, corrupt, truncated, unknown format, too large) is an {@link
 * InvalidInputException} naming the source; too large is its subclass {@link
 * ImageTooLargeException}. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * ImageDecoder decoder = ImageDecoder.builder()
 *     .maxPixels(ImageDecoder.SERVER_MAX_PIXELS)
 *     .build();
 * DecodedImage image = decoder.decode(ImageSource.of(Path.of("photo.webp")), PixelBudget.of(50_000_000));
 * }</pre>
 */
public final class ImageDecoder {
  /** Pillow's {@code Image.MAX_IMAGE_PIXELS}: the default limit, as the reference pipelines. */
  public static final long PILLOW_MAX_PIXELS = 89_478_485L;

  /**
   * A limit for servers that decode what anyone sends: 40 MP admits every phone photo up to 40
   * MP and costs at most 120 MB of RGB per decode.
   */
  public static final long SERVER_MAX_PIXELS = 40_000_000L;

  private static final Logger LOG = LoggerFactory.getLogger(ImageDecoder.class);

  private final long maxPixels;
  private final boolean applyExifOrientation;

  /**
   * A decoder refusing images larger than {@code maxPixels}, without EXIF rotation.
   *
   * @param maxPixels largest accepted {@code width * height}
   */
  public ImageDecoder(long maxPixels) {
    this(builder().maxPixels(maxPixels));
  }

  private ImageDecoder(Builder b) {
    this.maxPixels = b.maxPixels;
    this.applyExifOrientation = b.applyExifOrientation;
  }

  /** {@return a builder of a decoder with the default pixel limit and no EXIF rotation} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return largest accepted {@code width * height}} */
  public long maxPixels() {
    return maxPixels;
  }

  /** {@return whether decoded images are turned upright by their EXIF orientation} */
  public boolean appliesExifOrientation() {
    return applyExifOrientation;
  }

  /**
   * Reads and decodes one image.
   *
   * @param source the encoded image
   * @return the decoded pixels, in the image's own mode
   * @throws InvalidInputException naming the source if it cannot be read, is not an image, is
   *     corrupt or truncated, or has more than {@code maxPixels} pixels
   */
  public DecodedImage decode(ImageSource source) {
    return decode(source, PixelBudget.unlimited());
  }

  /**
   * Reads and decodes one image, charging its declared pixels to {@code budget} first.
   *
   * @param source the encoded image
   * @param budget the pixels left for the images of a request or job
   * @return the decoded pixels, in the image's own mode
   * @throws ImageTooLargeException if it exceeds the pixel limit or what is left of the budget
   * @throws InvalidInputException naming the source for any other failure
   */
  public DecodedImage decode(ImageSource source, PixelBudget budget) {
    return decode(source.toString(), readAll(source), budget);
  }

  /**
   * Decodes encoded bytes; {@code name} is used in error messages.
   *
   * @param name names the image in error messages
   * @param bytes the encoded image
   * @return the decoded pixels, in the image's own mode
   */
  public DecodedImage decode(String name, byte[] bytes) {
    return decode(name, bytes, PixelBudget.unlimited());
  }

  /**
   * Decodes encoded bytes, charging their declared pixels to {@code budget} first.
   *
   * @param name names the image in error messages
   * @param bytes the encoded image
   * @param budget the pixels left for the images of a request or job
   * @return the decoded pixels, in the image's own mode
   */
  public DecodedImage decode(String name, byte[] bytes, PixelBudget budget) {
    DecodedImage image;
    try {
      if (JpegHeader.isJpeg(bytes)) {
        image = decodeJpeg(name, bytes, budget);
      } else if (PngHeader.isPng(bytes)) {
        image = decodePng(name, bytes, budget);
      } else if (IconDirectory.isIcon(bytes)) {
        image = decodeIcon(name, bytes, budget);
      } else {
        image = decodeWithPlugin(name, bytes, budget);
      }
    } catch (InvalidInputException e) {
      throw e;
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      throw new InvalidInputException("cannot decode image " + name + ": " + describe(e), e);
    }
    return applyExifOrientation ? ExifOrientation.apply(image, ExifOrientation.read(bytes)) : image;
  }

  /**
   * {@return what the file declares, read from its header without decoding any pixel: a server can call
   * this to budget or refuse an upload before queueing it}
   *
   * @param source the encoded image
   * @throws InvalidInputException naming the source if it is no image or its header is corrupt
   */
  public ImageHeader readHeader(ImageSource source) {
    return readHeader(source.toString(), readAll(source));
  }

  /**
   * {@link #readHeader(ImageSource)} of encoded bytes.
   *
   * @param name names the image in error messages
   * @param bytes the encoded image
   * @return what the bytes declare: format, width and height
   */
  public ImageHeader readHeader(String name, byte[] bytes) {
    try {
      if (JpegHeader.isJpeg(bytes)) {
        JpegHeader header = jpegHeader(name, bytes);
        return new ImageHeader("jpeg", header.width(), header.height());
      }
      if (PngHeader.isPng(bytes)) {
        PngHeader header = PngHeader.parse(name, bytes);
        return new ImageHeader("png", header.width(), header.height());
      }
      if (IconDirectory.isIcon(bytes)) {
        IconDirectory icon = iconDirectory(name, bytes);
        return new ImageHeader(icon.cursor() ? "cur" : "ico", icon.width(), icon.height());
      }
      try (ImageInputStream in = stream(bytes)) {
        ImageReader reader = pluginReader(name, in);
        try {
          reader.setInput(in, true, true);
          return new ImageHeader(formatName(reader), reader.getWidth(0), reader.getHeight(0));
        } finally {
          reader.dispose();
        }
      }
    } catch (InvalidInputException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException("cannot read the header of image " + name + ": "
          + describe(e), e);
    }
  }

  private static byte[] readAll(ImageSource source) {
    try {
      return source.readAllBytes();
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException("cannot read image " + source + ": " + describe(e), e);
    }
  }

  private static JpegHeader jpegHeader(String name, byte[] bytes) {
    JpegHeader header = JpegHeader.parse(bytes);
    if (header == null) {
      throw new InvalidInputException(
          "cannot decode image " + name + ": JPEG without a frame header (corrupt or truncated)");
    }
    return header;
  }

  private DecodedImage decodeJpeg(String name, byte[] bytes, PixelBudget budget)
      throws IOException {
    JpegHeader header = jpegHeader(name, bytes);
    checkSize(name, header.width(), header.height());
    if (header.firstScanTruncated()) {
      throw new InvalidInputException(
          "cannot decode image " + name + ": image file is truncated (its first scan has "
              + header.firstScanBytes() + " bytes of data, fewer than the "
              + header.firstScanBlocks() + " blocks of its declared " + header.width() + "x"
              + header.height() + " pixels need)");
    }
    budget.charge(name, new ImageHeader("jpeg", header.width(), header.height()));
    ImageReader reader = jdkReader("jpeg");
    List<String> problems = new ArrayList<>();
    reader.addIIOReadWarningListener(
        (src, warning) -> {
          // Pillow refuses truncated files ("image file is truncated"): so do we, instead of
          // returning the grey that libjpeg pads them with.
          String lower = warning.toLowerCase(Locale.ROOT);
          if (lower.contains("missing eoi") || lower.contains("premature end")) {
            problems.add(warning);
          } else {
            LOG.debug("{}: {}", name, warning);
          }
        });
    try (ImageInputStream in = stream(JpegHeader.withoutIccProfile(bytes))) {
      reader.setInput(in, true, true);
      checkSize(name, reader.getWidth(0), reader.getHeight(0));
      DecodedImage image;
      if (header.components() == 4) {
        image = cmykFromRaster(reader.readRaster(0, null), header.adobeTransform() == 2);
      } else if (header.components() == 1 || header.components() == 3) {
        BufferedImage decoded = reader.read(0);
        int w = decoded.getWidth();
        int h = decoded.getHeight();
        image =
            header.components() == 1
                ? DecodedImage.of(PilMode.L, w, h, RasterPixels.bands(decoded.getRaster(), 1, 8))
                : DecodedImage.of(PilMode.RGB, w, h, RasterPixels.bands(decoded.getRaster(), 3, 8));
      } else {
        throw new InvalidInputException(
            "cannot decode image " + name + ": JPEG with " + header.components()
                + " components is not supported");
      }
      if (!problems.isEmpty()) {
        throw new InvalidInputException(
            "cannot decode image " + name + ": image file is truncated (" + problems.get(0) + ")");
      }
      return image;
    } finally {
      reader.dispose();
    }
  }

  /**
   * Pillow's CMYK: libjpeg converts YCCK to CMYK with its integer tables, then Pillow inverts
   * every sample, assuming Adobe's polarity as Photoshop writes it.
   */
  private static DecodedImage cmykFromRaster(Raster raster, boolean ycck) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    byte[] raw = RasterPixels.bands(raster, 4, 8);
    if (ycck) {
      YcckConversion.toCmyk(raw);
    }
    for (int i = 0; i < raw.length; i++) {
      raw[i] = (byte) (255 - (raw[i] & 0xff));
    }
    return DecodedImage.of(PilMode.CMYK, w, h, raw);
  }

  private DecodedImage decodePng(String name, byte[] bytes, PixelBudget budget)
      throws IOException {
    PngHeader header = PngHeader.parse(name, bytes);
    checkSize(name, header.width(), header.height());
    if (header.imageDataTruncated()) {
      throw new InvalidInputException(
          "cannot decode image " + name + ": image file is truncated (" + header.imageDataBytes()
              + " bytes of image data cannot hold the declared " + header.width() + "x"
              + header.height() + " pixels)");
    }
    budget.charge(name, new ImageHeader("png", header.width(), header.height()));
    ImageReader reader = jdkReader("png");
    try (ImageInputStream in = stream(bytes)) {
      reader.setInput(in, true, true);
      BufferedImage decoded = reader.read(0);
      Raster raster = decoded.getRaster();
      int w = decoded.getWidth();
      int h = decoded.getHeight();
      int depth = header.bitDepth();
      return switch (header.colorType()) {
        case 0 -> greyPng(raster, w, h, depth);
        case 2 -> DecodedImage.of(PilMode.RGB, w, h, RasterPixels.bands(raster, 3, depth));
        case 3 -> DecodedImage.palette(w, h, RasterPixels.bands(raster, 1, 8), header.palette());
        case 4 -> DecodedImage.of(PilMode.LA, w, h, RasterPixels.bands(raster, 2, depth));
        case 6 -> DecodedImage.of(PilMode.RGBA, w, h, RasterPixels.bands(raster, 4, depth));
        default -> throw new InvalidInputException(
            "cannot decode image " + name + ": PNG colour type " + header.colorType());
      };
    } finally {
      reader.dispose();
    }
  }

  /** Pillow opens 1-bit grey as "1", 2- and 4-bit grey scaled up to "L", 16-bit grey as "I". */
  private static DecodedImage greyPng(Raster raster, int w, int h, int depth) {
    if (depth == 16) {
      int[] wide = raster.getSamples(0, 0, w, h, 0, new int[w * h]);
      return DecodedImage.wide(w, h, wide);
    }
    byte[] grey = RasterPixels.bands(raster, 1, 8);
    if (depth < 8) {
      int scale = 255 / ((1 << depth) - 1);
      for (int i = 0; i < grey.length; i++) {
        grey[i] = (byte) ((grey[i] & 0xff) * scale);
      }
    }
    return DecodedImage.of(depth == 1 ? PilMode.BILEVEL : PilMode.L, w, h, grey);
  }

  private static IconDirectory iconDirectory(String name, byte[] bytes) {
    IconDirectory icon = IconDirectory.parse(bytes);
    if (icon == null) {
      throw new InvalidInputException(
          "cannot decode image " + name + ": icon directory or entry cut short (truncated)");
    }
    return icon;
  }

  /**
   * Pillow opens the entry {@link IconDirectory} picks: a PNG entry as that PNG, a DIB entry of an
   * icon as RGBA with its AND mask or alpha, a DIB entry of a cursor without its mask.
   */
  private DecodedImage decodeIcon(String name, byte[] bytes, PixelBudget budget)
      throws IOException {
    IconDirectory icon = iconDirectory(name, bytes);
    if (icon.png()) {
      byte[] png = Arrays.copyOfRange(bytes, icon.offset(), icon.offset() + icon.length());
      return decodePng(name, png, budget);
    }
    admit(name, new ImageHeader(icon.cursor() ? "cur" : "ico", icon.width(), icon.height()),
        budget);
    try (ImageInputStream in = stream(bytes)) {
      ImageReader reader = pluginReader(name, in);
      try {
        reader.setInput(in, true, true);
        BufferedImage decoded = reader.read(icon.index());
        DecodedImage image = RasterPixels.toPillow(formatName(reader), decoded);
        if (icon.cursor() && image.mode() == PilMode.RGBA) {
          return RgbConversion.convert(image);
        }
        if (!icon.cursor() && image.mode() == PilMode.RGB) {
          return withOpaqueAlpha(image);
        }
        return image;
      } finally {
        reader.dispose();
      }
    }
  }

  private static DecodedImage withOpaqueAlpha(DecodedImage rgb) {
    int n = rgb.width() * rgb.height();
    byte[] out = new byte[n * 4];
    byte[] px = rgb.pixels();
    for (int i = 0; i < n; i++) {
      out[4 * i] = px[3 * i];
      out[4 * i + 1] = px[3 * i + 1];
      out[4 * i + 2] = px[3 * i + 2];
      out[4 * i + 3] = (byte) 255;
    }
    return DecodedImage.of(PilMode.RGBA, rgb.width(), rgb.height(), out);
  }

  private DecodedImage decodeWithPlugin(String name, byte[] bytes, PixelBudget budget)
      throws IOException {
    if (isWebp(bytes)) {
      try {
        return decodeWith(libwebpReader(), name, bytes, budget);
      } catch (LinkageError e) {
        LOG.warn("libwebp cannot be loaded ({}): decoding WebP in pure Java, lossy WebP pixels"
            + " will differ from Pillow's", e.toString());
      }
    }
    try (ImageInputStream in = stream(bytes)) {
      return decodeWith(pluginReader(name, in), name, bytes, budget);
    }
  }

  private DecodedImage decodeWith(ImageReader reader, String name, byte[] bytes, PixelBudget budget)
      throws IOException {
    try (ImageInputStream in = stream(bytes)) {
      reader.setInput(in, true, true);
      String format = formatName(reader);
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      if (format.equals("gif")) {
        int[] screen = GifCanvas.screenSize(bytes);
        width = Math.max(width, screen[0]);
        height = Math.max(height, screen[1]);
      }
      admit(name, new ImageHeader(format, width, height), budget);
      // Image 0 is the first frame of a GIF, the first page of a TIFF.
      DecodedImage image = RasterPixels.toPillow(format, reader.read(0));
      if (format.equals("tiff")) {
        // TwelveMonkeys turns TIFFs by their Orientation tag; Pillow's open does not.
        image = ExifOrientation.apply(image, ExifOrientation.inverse(ExifOrientation.read(bytes)));
      } else if (format.equals("gif")) {
        image = GifCanvas.place(image, bytes, reader);
      }
      return image;
    } finally {
      reader.dispose();
    }
  }

  private static boolean isWebp(byte[] b) {
    return b.length >= 16 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
        && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P';
  }

  /**
   * libwebp's reader, created directly: its jar registers only its writer with ImageIO, and it
   * must win over TwelveMonkeys' for WebP (see the pom).
   */
  private static ImageReader libwebpReader() throws IOException {
    return new com.luciad.imageio.webp.WebPImageReaderSpi().createReaderInstance();
  }

  /** Checks the declared size against the limit, then charges it to the budget. */
  private void admit(String name, ImageHeader header, PixelBudget budget) {
    checkSize(name, header.width(), header.height());
    budget.charge(name, header);
  }

  private void checkSize(String name, int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new InvalidInputException(
          "cannot decode image " + name + ": invalid dimensions " + width + "x" + height);
    }
    long pixels = (long) width * height;
    if (pixels > maxPixels) {
      throw new ImageTooLargeException(
          "image " + name + " is too large: " + width + "x" + height + " = " + pixels
              + " pixels exceeds the limit of " + maxPixels,
          pixels,
          maxPixels);
    }
  }

  private static ImageInputStream stream(byte[] bytes) {
    return new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
  }

  /**
   * The reader for a format other than JPEG and PNG, by {@link #readerRank}: the JDK's only where
   * it is the only one (GIF).
   */
  private static ImageReader pluginReader(String name, ImageInputStream in) {
    ImageReader chosen = null;
    int chosenRank = Integer.MAX_VALUE;
    for (Iterator<ImageReader> it = ImageIO.getImageReaders(in); it.hasNext(); ) {
      ImageReader candidate = it.next();
      int rank = readerRank(candidate);
      if (rank < chosenRank) {
        chosen = candidate;
        chosenRank = rank;
      }
    }
    if (chosen == null) {
      throw new InvalidInputException("cannot decode image " + name
          + ": not a JPEG, PNG, WebP, TIFF, GIF, BMP, TGA, ICO, PNM or JPEG 2000 file");
    }
    return chosen;
  }

  /**
   * TwelveMonkeys first (its TIFF, BMP and PNM readers follow Pillow where jai-imageio's, which
   * come with the JPEG 2000 reader, do not: TIFF palettes, orientation), then other plug-ins, then
   * the JDK's.
   */
  private static int readerRank(ImageReader reader) {
    String name = reader.getClass().getName();
    if (name.startsWith("com.twelvemonkeys.")) {
      return 0;
    }
    if (name.startsWith("com.sun.imageio.")) {
      return 2;
    }
    return 1;
  }

  private static String formatName(ImageReader reader) throws IOException {
    String format = reader.getFormatName().toLowerCase(Locale.ROOT);
    return switch (format) {
      case "tif" -> "tiff";
      case "pbm", "pgm", "ppm", "pam" -> "pnm";
      case "jpeg 2000", "jpeg2000", "jp2" -> "jpeg2000";
      default -> format;
    };
  }

  /** The JDK's own reader for a format, even when plug-ins register others first. */
  private static ImageReader jdkReader(String format) {
    ImageReader fallback = null;
    for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format); it.hasNext(); ) {
      ImageReader candidate = it.next();
      if (candidate.getClass().getName().startsWith("com.sun.imageio.")) {
        return candidate;
      }
      if (fallback == null) {
        fallback = candidate;
      }
    }
    if (fallback == null) {
      throw new IllegalStateException("no ImageIO reader for " + format);
    }
    return fallback;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && cause != e) {
      message = (message == null ? "" : message + ": ") + cause.getMessage();
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }

  /** Configures an {@link ImageDecoder}. */
  public static final class Builder {
    private long maxPixels = PILLOW_MAX_PIXELS;
    private boolean applyExifOrientation;

    private Builder() {}

    /**
     * Largest accepted {@code width * height}, checked from the header before decoding
     * (default: Pillow's {@link #PILLOW_MAX_PIXELS}; servers: {@link #SERVER_MAX_PIXELS}).
     *
     * @param pixels largest accepted {@code width * height}, checked from the header before
     *     decoding (default: Pillow's {@link #PILLOW_MAX_PIXELS}; servers: {@link
     *     #SERVER_MAX_PIXELS})
     * @return this builder
     */
    public Builder maxPixels(long pixels) {
      if (pixels <= 0) {
        throw new IllegalArgumentException("maxPixels must be positive, got " + pixels);
      }
      this.maxPixels = pixels;
      return this;
    }

    /**
     * Turn images upright by their EXIF orientation, as Pillow's {@code ImageOps.exif_transpose}
     * does (default: off). This departs from openai/CLIP's and VSE++'s pipelines, which never
     * rotate: embeddings of rotated phone photos then differ from the reference's.
     *
     * @param apply turn images upright by their EXIF orientation, as Pillow's {@code
     *     ImageOps.exif_transpose} does (default: off)
     * @return this builder
     */
    public Builder applyExifOrientation(boolean apply) {
      this.applyExifOrientation = apply;
      return this;
    }

    /** {@return a decoder with this builder's settings} */
    public ImageDecoder build() {
      return new ImageDecoder(this);
    }
  }
}
