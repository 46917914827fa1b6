package dev.crossmodal.image;

/**
 * The EXIF orientation tag (274) of a JPEG, PNG, WebP or TIFF file, and Pillow's {@code
 * ImageOps.exif_transpose} of a decoded image by it. Used only when a decoder is built with {@code
 * applyExifOrientation(true)}: the published pipelines (openai/CLIP, VSE++) never rotate.
 */
final class ExifOrientation {
  private static final int TAG_ORIENTATION = 0x0112;

  private ExifOrientation() {}

  /** The orientation (1 to 8), or 1 if the file has none or it cannot be read. */
  static int read(byte[] b) {
    try {
      if (JpegHeader.isJpeg(b)) {
        return fromJpeg(b);
      }
      if (PngHeader.isPng(b)) {
        return fromPng(b);
      }
      if (b.length >= 12 && startsWith(b, 0, "RIFF") && startsWith(b, 8, "WEBP")) {
        return fromWebp(b);
      }
      if (b.length >= 8 && (startsWith(b, 0, "II") || startsWith(b, 0, "MM"))) {
        return fromTiff(b, 0, b.length);
      }
    } catch (IndexOutOfBoundsException e) {
      return 1; // a cut-off EXIF block: no orientation, as Pillow ignores it
    }
    return 1;
  }

  private static int fromJpeg(byte[] b) {
    int pos = 2;
    while (pos + 4 <= b.length && (b[pos] & 0xff) == 0xFF) {
      int marker = b[pos + 1] & 0xff;
      if (marker == 0xDA || marker == 0xD9) {
        break;
      }
      int length = ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
      if (marker == 0xE1 && length >= 8 && startsWith(b, pos + 4, "Exif\0\0")) {
        return fromTiff(b, pos + 10, pos + 2 + length);
      }
      pos += 2 + length;
    }
    return 1;
  }

  private static int fromPng(byte[] b) {
    int pos = 8;
    while (pos + 12 <= b.length) {
      int length = beInt(b, pos);
      if (length < 0) {
        break;
      }
      if (startsWith(b, pos + 4, "eXIf")) {
        return fromTiff(b, pos + 8, pos + 8 + length);
      }
      if (startsWith(b, pos + 4, "IDAT")) {
        break;
      }
      pos += 12 + length;
    }
    return 1;
  }

  private static int fromWebp(byte[] b) {
    int pos = 12;
    while (pos + 8 <= b.length) {
      int length = leInt(b, pos + 4);
      if (length < 0) {
        break;
      }
      if (startsWith(b, pos, "EXIF")) {
        int start = pos + 8;
        if (startsWith(b, start, "Exif\0\0")) {
          start += 6;
        }
        return fromTiff(b, start, pos + 8 + length);
      }
      pos += 8 + length + (length & 1);
    }
    return 1;
  }

  private static int fromTiff(byte[] b, int start, int end) {
    boolean little = b[start] == 'I';
    int ifd = start + (int) u32(b, start + 4, little);
    int count = u16(b, ifd, little);
    for (int i = 0; i < count; i++) {
      int entry = ifd + 2 + 12 * i;
      if (entry + 12 > end) {
        break;
      }
      if (u16(b, entry, little) == TAG_ORIENTATION) {
        int value = u16(b, entry + 8, little);
        return value >= 1 && value <= 8 ? value : 1;
      }
    }
    return 1;
  }

  /** The orientation that undoes {@code orientation}: all are their own inverse but 6 and 8. */
  static int inverse(int orientation) {
    return orientation == 6 ? 8 : orientation == 8 ? 6 : orientation;
  }

  /** The image turned upright as {@code ImageOps.exif_transpose} turns it. */
  static DecodedImage apply(DecodedImage image, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return image;
    }
    int w = image.width();
    int h = image.height();
    boolean swap = orientation >= 5;
    int outW = swap ? h : w;
    int outH = swap ? w : h;
    int channels = image.mode().channels();
    int[] wideIn = image.wide();
    byte[] in = image.pixels();
    int[] wideOut = wideIn == null ? null : new int[wideIn.length];
    byte[] out = in == null ? null : new byte[in.length];
    for (int y = 0; y < outH; y++) {
      for (int x = 0; x < outW; x++) {
        int sx;
        int sy;
        switch (orientation) {
          case 2 -> { sx = w - 1 - x; sy = y; } // FLIP_LEFT_RIGHT
          case 3 -> { sx = w - 1 - x; sy = h - 1 - y; } // ROTATE_180
          case 4 -> { sx = x; sy = h - 1 - y; } // FLIP_TOP_BOTTOM
          case 5 -> { sx = y; sy = x; } // TRANSPOSE
          case 6 -> { sx = y; sy = h - 1 - x; } // ROTATE_270 (clockwise)
          case 7 -> { sx = w - 1 - y; sy = h - 1 - x; } // TRANSVERSE
          default -> { sx = w - 1 - y; sy = x; } // 8: ROTATE_90 (counter-clockwise)
        }
        int src = (sy * w + sx) * channels;
        int dst = (y * outW + x) * channels;
        if (out != null) {
          System.arraycopy(in, src, out, dst, channels);
        } else {
          wideOut[dst] = wideIn[src];
        }
      }
    }
    return new DecodedImage(image.mode(), outW, outH, out, wideOut, image.palette());
  }

  private static boolean startsWith(byte[] b, int at, String text) {
    if (at + text.length() > b.length) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (b[at + i] != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int u16(byte[] b, int at, boolean little) {
    return little
        ? (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8)
        : ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }

  private static long u32(byte[] b, int at, boolean little) {
    return little
        ? (b[at] & 0xffL) | ((b[at + 1] & 0xffL) << 8) | ((b[at + 2] & 0xffL) << 16)
            | ((b[at + 3] & 0xffL) << 24)
        : ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xffL) << 16) | ((b[at + 2] & 0xffL) << 8)
            | (b[at + 3] & 0xffL);
  }

  private static int beInt(byte[] b, int at) {
    return (int) u32(b, at, false);
  }

  private static int leInt(byte[] b, int at) {
    return (int) u32(b, at, true);
  }
}
