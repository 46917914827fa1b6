package dev.crossmodal.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Turns what an ImageIO reader returns into the {@link DecodedImage} that Pillow opens. Samples are
 * taken from the raster as decoded, never through the colour model: an embedded ICC profile only
 * tags the colour space of the image, and Pillow's {@code convert("RGB")} never applies it.
 */
final class RasterPixels {
  private RasterPixels() {}

  /**
   * The image in Pillow's mode for a file of this format ({@code ImageReader} format name, lower
   * case): palette images stay palette images, except that Pillow opens BMPs whose palette is
   * the grey ramp as greyscale, and black-and-white palettes of BMP, TIFF and PBM as bilevel.
   */
  static DecodedImage toPillow(String format, BufferedImage decoded) {
    int w = decoded.getWidth();
    int h = decoded.getHeight();
    ColorModel cm = decoded.getColorModel();
    Raster raster = decoded.getRaster();
    int bands = raster.getNumBands();
    int depth = raster.getSampleModel().getSampleSize(0);
    if (cm instanceof IndexColorModel icm && bands == 1) {
      byte[] indices = bands(raster, 1, 8);
      byte[] palette = palette(icm);
      boolean bilevelFormat = format.equals("bmp") || format.equals("tiff") || format.equals("pnm");
      if (bilevelFormat && icm.getMapSize() == 2 && isBlackAndWhite(palette)) {
        for (int i = 0; i < indices.length; i++) {
          indices[i] = palette[3 * (indices[i] & 0xff)];
        }
        return DecodedImage.of(PilMode.BILEVEL, w, h, indices);
      }
      if (format.equals("bmp") && isGreyRamp(palette, icm.getMapSize())) {
        return DecodedImage.of(PilMode.L, w, h, indices);
      }
      return DecodedImage.palette(w, h, indices, palette);
    }
    if (cm.isAlphaPremultiplied()) {
      decoded.coerceData(false);
      raster = decoded.getRaster();
    }
    int type = cm.getColorSpace().getType();
    if (type == ColorSpace.TYPE_CMYK && bands >= 4) {
      return DecodedImage.of(PilMode.CMYK, w, h, bands(raster, 4, depth));
    }
    if (type == ColorSpace.TYPE_GRAY || bands <= 2) {
      if (depth == 1) {
        byte[] grey = bands(raster, 1, 1);
        for (int i = 0; i < grey.length; i++) {
          grey[i] = (byte) (grey[i] == 0 ? 0 : 255);
        }
        return DecodedImage.of(PilMode.BILEVEL, w, h, grey);
      }
      return bands >= 2 && cm.hasAlpha()
          ? DecodedImage.of(PilMode.LA, w, h, bands(raster, 2, depth))
          : DecodedImage.of(PilMode.L, w, h, bands(raster, 1, depth));
    }
    if (cm.hasAlpha() && bands >= 4) {
      return DecodedImage.of(PilMode.RGBA, w, h, bands(raster, 4, depth));
    }
    return DecodedImage.of(PilMode.RGB, w, h, bands(raster, 3, depth));
  }

  static byte[] palette(IndexColorModel icm) {
    byte[] palette = new byte[768];
    for (int i = 0; i < Math.min(256, icm.getMapSize()); i++) {
      palette[3 * i] = (byte) icm.getRed(i);
      palette[3 * i + 1] = (byte) icm.getGreen(i);
      palette[3 * i + 2] = (byte) icm.getBlue(i);
    }
    return palette;
  }

  private static boolean isBlackAndWhite(byte[] palette) {
    int first = palette[0] & 0xff;
    int second = palette[3] & 0xff;
    return first + second == 255 && (first == 0 || first == 255)
        && palette[0] == palette[1] && palette[1] == palette[2]
        && palette[3] == palette[4] && palette[4] == palette[5];
  }

  /** Pillow's BMP test: entry {@code i} is {@code (i, i, i)} for every entry. */
  private static boolean isGreyRamp(byte[] palette, int size) {
    for (int i = 0; i < size; i++) {
      for (int c = 0; c < 3; c++) {
        if ((palette[3 * i + c] & 0xff) != i) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Copies the first {@code count} bands of a raster into interleaved bytes. 16-bit samples keep
   * their high byte, as Pillow's "RGB;16B"-style unpackers do.
   */
  static byte[] bands(Raster raster, int count, int bitDepth) {
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
}
