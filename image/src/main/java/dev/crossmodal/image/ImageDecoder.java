package dev.crossmodal.image;

import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.InvalidInputException;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
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
 * Decodes JPEG and PNG files into the pixels and {@link PilMode mode} that Pillow 9.4 gives for
 * them, so that the rest of the pipeline can follow Pillow step by step. Other formats that ImageIO
 * reads (GIF, BMP) are decoded on a best-effort basis.
 *
 * <p>Why the JDK's own readers and not an ImageIO plug-in: the JDK's JPEG decoder is the same
 * IJG code as Pillow's libjpeg(-turbo) for the integer DCT and fancy upsampling, and gives
 * Pillow's pixels exactly on colour and greyscale JPEGs. CMYK and YCCK JPEGs are read as raw
 * component rasters ({@link ImageReader#readRaster}) and converted here with libjpeg's own integer
 * arithmetic, which keeps them exact too; a colour-managed plug-in would convert with ICC
 * profiles, which Pillow does not do.
 *
 * <p>Header dimensions are checked against the pixel limit before any pixel is decoded. Every
 * failure (unreadable, corrupt, truncated, unknown format, too large) is an {@link
 * InvalidInputException} naming the source.
 *
 * <pre>{@code
 * DecodedImage image = new ImageDecoder(ImageTransform.DEFAULT_MAX_PIXELS)
 *     .decode(ImageSource.of(Path.of("photo.jpg")));
 * }</pre>
 */
public final class ImageDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(ImageDecoder.class);

  private final long maxPixels;

  /**
   * @param maxPixels largest accepted {@code width * height}
   */
  public ImageDecoder(long maxPixels) {
    if (maxPixels <= 0) {
      throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
    }
    this.maxPixels = maxPixels;
  }

  /**
   * Reads and decodes one image.
   *
   * @throws InvalidInputException naming the source if it cannot be read, is not an image, is
   *     corrupt or truncated, or has more than {@code maxPixels} pixels
   */
  public DecodedImage decode(ImageSource source) {
    byte[] bytes;
    try {
      bytes = source.readAllBytes();
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException("cannot read image " + source + ": " + describe(e), e);
    }
    return decode(source.toString(), bytes);
  }

  /** Decodes encoded bytes; {@code name} is used in error messages. */
  public DecodedImage decode(String name, byte[] bytes) {
    try {
      if (JpegHeader.isJpeg(bytes)) {
        return decodeJpeg(name, bytes);
      }
      if (PngHeader.isPng(bytes)) {
        return decodePng(name, bytes);
      }
      return decodeOther(name, bytes);
    } catch (InvalidInputException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException("cannot decode image " + name + ": " + describe(e), e);
    }
  }

  private DecodedImage decodeJpeg(String name, byte[] bytes) throws IOException {
    JpegHeader header = JpegHeader.parse(bytes);
    if (header == null) {
      throw new InvalidInputException(
          "cannot decode image " + name + ": JPEG without a frame header (corrupt or truncated)");
    }
    checkSize(name, header.width(), header.height());
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
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      checkSize(name, reader.getWidth(0), reader.getHeight(0));
      DecodedImage image;
      if (header.components() == 4) {
        image = cmykFromRaster(reader.readRaster(0, null), header.adobeTransform() == 2);
      } else if (header.components() == 1 || header.components() == 3) {
        BufferedImage decoded = reader.read(0);
        image =
            header.components() == 1
                ? DecodedImage.of(PilMode.L, decoded.getWidth(), decoded.getHeight(),
                    bands(decoded.getRaster(), 1, 8))
                : DecodedImage.of(PilMode.RGB, decoded.getWidth(), decoded.getHeight(),
                    bands(decoded.getRaster(), 3, 8));
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
    byte[] raw = bands(raster, 4, 8);
    if (ycck) {
      YcckConversion.toCmyk(raw);
    }
    for (int i = 0; i < raw.length; i++) {
      raw[i] = (byte) (255 - (raw[i] & 0xff));
    }
    return DecodedImage.of(PilMode.CMYK, w, h, raw);
  }

  private DecodedImage decodePng(String name, byte[] bytes) throws IOException {
    PngHeader header = PngHeader.parse(name, bytes);
    checkSize(name, header.width(), header.height());
    ImageReader reader = jdkReader("png");
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      BufferedImage decoded = reader.read(0);
      Raster raster = decoded.getRaster();
      int w = decoded.getWidth();
      int h = decoded.getHeight();
      int depth = header.bitDepth();
      return switch (header.colorType()) {
        case 0 -> greyPng(raster, w, h, depth);
        case 2 -> DecodedImage.of(PilMode.RGB, w, h, bands(raster, 3, depth));
        case 3 -> DecodedImage.palette(w, h, bands(raster, 1, 8), header.palette());
        case 4 -> DecodedImage.of(PilMode.LA, w, h, bands(raster, 2, depth));
        case 6 -> DecodedImage.of(PilMode.RGBA, w, h, bands(raster, 4, depth));
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
    byte[] grey = bands(raster, 1, 8);
    if (depth < 8) {
      int scale = 255 / ((1 << depth) - 1);
      for (int i = 0; i < grey.length; i++) {
        grey[i] = (byte) ((grey[i] & 0xff) * scale);
      }
    }
    return DecodedImage.of(depth == 1 ? PilMode.BILEVEL : PilMode.L, w, h, grey);
  }

  private DecodedImage decodeOther(String name, byte[] bytes) throws IOException {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new InvalidInputException(
            "cannot decode image " + name + ": not a JPEG, PNG or other known image format");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        checkSize(name, reader.getWidth(0), reader.getHeight(0));
        BufferedImage decoded = reader.read(0);
        int w = decoded.getWidth();
        int h = decoded.getHeight();
        ColorModel cm = decoded.getColorModel();
        Raster raster = decoded.getRaster();
        if (cm instanceof IndexColorModel icm && raster.getNumBands() == 1) {
          byte[] palette = new byte[768];
          for (int i = 0; i < Math.min(256, icm.getMapSize()); i++) {
            palette[3 * i] = (byte) icm.getRed(i);
            palette[3 * i + 1] = (byte) icm.getGreen(i);
            palette[3 * i + 2] = (byte) icm.getBlue(i);
          }
          return DecodedImage.palette(w, h, bands(raster, 1, 8), palette);
        }
        if (raster.getNumBands() == 1 && raster.getSampleModel().getSampleSize(0) == 8) {
          return DecodedImage.of(PilMode.L, w, h, bands(raster, 1, 8));
        }
        boolean alpha = cm.hasAlpha();
        int channels = alpha ? 4 : 3;
        byte[] out = new byte[w * h * channels];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
          decoded.getRGB(0, y, w, 1, row, 0, w);
          for (int x = 0; x < w; x++) {
            int argb = row[x];
            int o = (y * w + x) * channels;
            out[o] = (byte) (argb >>> 16);
            out[o + 1] = (byte) (argb >>> 8);
            out[o + 2] = (byte) argb;
            if (alpha) {
              out[o + 3] = (byte) (argb >>> 24);
            }
          }
        }
        return DecodedImage.of(alpha ? PilMode.RGBA : PilMode.RGB, w, h, out);
      } finally {
        reader.dispose();
      }
    }
  }

  private void checkSize(String name, int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new InvalidInputException(
          "cannot decode image " + name + ": invalid dimensions " + width + "x" + height);
    }
    if ((long) width * height > maxPixels) {
      throw new InvalidInputException(
          "image " + name + " is too large: " + width + "x" + height + " = "
              + (long) width * height + " pixels exceeds the limit of " + maxPixels);
    }
  }

  /**
   * Copies the first {@code count} bands of a raster into interleaved bytes. 16-bit samples keep
   * their high byte, as Pillow's "RGB;16B"-style unpackers do.
   */
  private static byte[] bands(Raster raster, int count, int bitDepth) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    if (raster.getNumBands() < count) {
      throw new IllegalStateException(
          "decoder returned " + raster.getNumBands() + " bands, expected " + count);
    }
    byte[] out = new byte[w * h * count];
    if (raster.getDataBuffer() instanceof DataBufferByte dbb
        && raster.getSampleModel() instanceof ComponentSampleModel csm
        && dbb.getNumBanks() == 1) {
      copyInterleaved(raster, dbb.getData(), csm, count, out);
      return out;
    }
    int shift = bitDepth == 16 ? 8 : 0;
    int[] row = new int[w];
    for (int b = 0; b < count; b++) {
      for (int y = 0; y < h; y++) {
        raster.getSamples(0, y, w, 1, b, row);
        int o = y * w * count + b;
        for (int x = 0; x < w; x++, o += count) {
          out[o] = (byte) (row[x] >>> shift);
        }
      }
    }
    return out;
  }

  private static void copyInterleaved(
      Raster raster, byte[] data, ComponentSampleModel csm, int count, byte[] out) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    int pixelStride = csm.getPixelStride();
    int scanline = csm.getScanlineStride();
    int[] offsets = csm.getBandOffsets();
    int base =
        raster.getDataBuffer().getOffset()
            - raster.getSampleModelTranslateY() * scanline
            - raster.getSampleModelTranslateX() * pixelStride;
    if (count == 3 && pixelStride == 3) {
      // The JPEG hot path (BGR-ordered 3-byte pixels): one pass instead of one per band.
      int o0 = offsets[0];
      int o1 = offsets[1];
      int o2 = offsets[2];
      for (int y = 0; y < h; y++) {
        int src = base + y * scanline;
        int dst = y * w * 3;
        for (int x = 0; x < w; x++, src += 3, dst += 3) {
          out[dst] = data[src + o0];
          out[dst + 1] = data[src + o1];
          out[dst + 2] = data[src + o2];
        }
      }
      return;
    }
    for (int y = 0; y < h; y++) {
      int rowStart = base + y * scanline;
      int o = y * w * count;
      for (int b = 0; b < count; b++) {
        int src = rowStart + offsets[b];
        int dst = o + b;
        for (int x = 0; x < w; x++, src += pixelStride, dst += count) {
          out[dst] = data[src];
        }
      }
    }
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
}
