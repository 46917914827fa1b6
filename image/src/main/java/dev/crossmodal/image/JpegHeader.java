package dev.crossmodal.image;

import java.io.ByteArrayOutputStream;

/**
 * The few facts about a JPEG that decoding needs before any pixel is read: the frame size, the
 * number of colour components and the Adobe colour transform, taken from the marker segments up
 * to the first scan, and how many bytes of entropy-coded data that first scan holds compared with
 * the least its blocks could be coded in.
 *
 * @param width columns
 * @param height rows
 * @param components colour components (1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK)
 * @param adobeTransform the Adobe segment's transform flag, or -1 without one
 * @param firstScanBlocks the 8x8 blocks the first scan codes if every block costs at least one
 *     bit, else 0 (when the scan's coding allows fewer: progressive AC scans, arithmetic coding)
 * @param firstScanBytes bytes of entropy-coded data in the first scan, markers excluded
 */
record JpegHeader(
    int width,
    int height,
    int components,
    int adobeTransform,
    long firstScanBlocks,
    long firstScanBytes) {

  static boolean isJpeg(byte[] b) {
    return b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF;
  }

  /**
   * Whether the first scan is provably cut short: Huffman coding spends at least one bit on each
   * block's DC symbol, so fewer bits than blocks means the decoder runs out of data, which libjpeg
   * reports as "premature end of data segment" and Pillow as a truncated file.
   */
  boolean firstScanTruncated() {
    return firstScanBlocks > 0 && firstScanBytes * 8 < firstScanBlocks;
  }

  /** The header, or {@code null} if no frame header precedes the first scan. */
  static JpegHeader parse(byte[] b) {
    int pos = 2;
    int transform = -1;
    int width = -1;
    int height = -1;
    int components = -1;
    int sof = -1;
    int[] ids = null;
    int[] hs = null;
    int[] vs = null;
    while (pos + 4 <= b.length) {
      if ((b[pos] & 0xff) != 0xFF) {
        return null;
      }
      int marker = b[pos + 1] & 0xff;
      if (marker == 0xFF) {
        pos++; // fill byte
        continue;
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
        pos += 2;
        continue;
      }
      if (marker == 0xD9) {
        break;
      }
      int length = u16(b, pos + 2);
      int data = pos + 4;
      if (length < 2 || pos + 2 + length > b.length) {
        break;
      }
      if (marker == 0xEE && length >= 14 && b[data] == 'A' && b[data + 1] == 'd'
          && b[data + 2] == 'o' && b[data + 3] == 'b' && b[data + 4] == 'e') {
        transform = b[data + 11] & 0xff;
      }
      if (isStartOfFrame(marker) && length >= 8 && sof < 0) {
        sof = marker;
        height = u16(b, data + 1);
        width = u16(b, data + 3);
        components = b[data + 5] & 0xff;
        if (length >= 8 + 3 * components) {
          ids = new int[components];
          hs = new int[components];
          vs = new int[components];
          for (int i = 0; i < components; i++) {
            ids[i] = b[data + 6 + 3 * i] & 0xff;
            hs[i] = Math.max(1, (b[data + 7 + 3 * i] & 0xff) >> 4);
            vs[i] = Math.max(1, b[data + 7 + 3 * i] & 0x0f);
          }
        }
      }
      if (marker == 0xDA) {
        if (sof < 0) {
          return null;
        }
        long blocks = ids == null ? 0 : scanBlocks(b, data, sof, width, height, ids, hs, vs);
        long bytes = entropyBytes(b, pos + 2 + length);
        return new JpegHeader(width, height, components, transform, blocks, bytes);
      }
      pos += 2 + length;
    }
    return sof < 0 ? null : new JpegHeader(width, height, components, transform, 0, 0);
  }

  /**
   * Blocks coded by the scan whose header starts at {@code data}, where each costs at least one
   * bit: every scan of a Huffman sequential frame, and DC scans of a progressive one.
   */
  private static long scanBlocks(
      byte[] b, int data, int sof, int width, int height, int[] ids, int[] hs, int[] vs) {
    boolean huffman = sof == 0xC0 || sof == 0xC1 || sof == 0xC2;
    int count = b[data] & 0xff;
    if (!huffman || data + 1 + 2 * count + 3 > b.length) {
      return 0;
    }
    int spectralStart = b[data + 1 + 2 * count] & 0xff;
    if (sof == 0xC2 && spectralStart != 0) {
      return 0; // progressive AC scans code runs of empty blocks in a few bits
    }
    int hMax = 1;
    int vMax = 1;
    for (int i = 0; i < ids.length; i++) {
      hMax = Math.max(hMax, hs[i]);
      vMax = Math.max(vMax, vs[i]);
    }
    if (count == 1) {
      int c = indexOf(ids, b[data + 1] & 0xff);
      if (c < 0) {
        return 0;
      }
      long compWidth = ceilDiv((long) width * hs[c], hMax);
      long compHeight = ceilDiv((long) height * vs[c], vMax);
      return ceilDiv(compWidth, 8) * ceilDiv(compHeight, 8);
    }
    long mcus = ceilDiv(width, 8L * hMax) * ceilDiv(height, 8L * vMax);
    long perMcu = 0;
    for (int i = 0; i < count; i++) {
      int c = indexOf(ids, b[data + 1 + 2 * i] & 0xff);
      if (c < 0) {
        return 0;
      }
      perMcu += (long) hs[c] * vs[c];
    }
    return mcus * perMcu;
  }

  /** Bytes of entropy-coded data from {@code pos} to the first marker that is not a restart. */
  private static long entropyBytes(byte[] b, int pos) {
    long bytes = 0;
    for (int i = pos; i < b.length; i++) {
      if ((b[i] & 0xff) != 0xFF) {
        bytes++;
        continue;
      }
      if (i + 1 >= b.length) {
        break;
      }
      int next = b[i + 1] & 0xff;
      if (next == 0x00) {
        bytes++; // a stuffed 0xFF data byte
        i++;
      } else if (next >= 0xD0 && next <= 0xD7) {
        i++;
      } else if (next != 0xFF) {
        break;
      }
    }
    return bytes;
  }

  /**
   * The file without its ICC_PROFILE segments (APP2), so that the JDK's reader returns the
   * decoded samples as they are, as Pillow's {@code open} + {@code convert("RGB")} does, instead
   * of converting them from the embedded profile to sRGB. Returns {@code b} itself if there is
   * none.
   */
  static byte[] withoutIccProfile(byte[] b) {
    ByteArrayOutputStream out = null;
    int copied = 0;
    int pos = 2;
    while (pos + 4 <= b.length && (b[pos] & 0xff) == 0xFF) {
      int marker = b[pos + 1] & 0xff;
      if (marker == 0xFF) {
        pos++;
        continue;
      }
      if (marker == 0xDA || marker == 0xD9 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
        break;
      }
      int length = u16(b, pos + 2);
      if (length < 2 || pos + 2 + length > b.length) {
        break;
      }
      if (marker == 0xE2 && length >= 14 && startsWith(b, pos + 4, "ICC_PROFILE")) {
        if (out == null) {
          out = new ByteArrayOutputStream(b.length);
        }
        out.write(b, copied, pos - copied);
        copied = pos + 2 + length;
      }
      pos += 2 + length;
    }
    if (out == null) {
      return b;
    }
    out.write(b, copied, b.length - copied);
    return out.toByteArray();
  }

  private static boolean startsWith(byte[] b, int at, String text) {
    for (int i = 0; i < text.length(); i++) {
      if (b[at + i] != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(int[] values, int value) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == value) {
        return i;
      }
    }
    return -1;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }

  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }
}
