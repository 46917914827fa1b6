package dev.crossmodal.image;

import dev.crossmodal.core.InvalidInputException;

/**
 * The PNG facts that decide Pillow's mode (colour type, bit depth) and the palette, read from the
 * chunks before the image data.
 */
record PngHeader(int width, int height, int bitDepth, int colorType, byte[] palette) {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  static boolean isPng(byte[] b) {
    if (b.length < SIGNATURE.length) {
      return false;
    }
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (b[i] != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  static PngHeader parse(String name, byte[] b) {
    if (b.length < 33 || !isType(b, 12, "IHDR")) {
      throw new InvalidInputException("cannot decode image " + name + ": PNG without IHDR chunk");
    }
    int width = readInt(b, 16);
    int height = readInt(b, 20);
    int bitDepth = b[24] & 0xff;
    int colorType = b[25] & 0xff;
    byte[] palette = null;
    int pos = 8;
    while (pos + 8 <= b.length) {
      int length = readInt(b, pos);
      if (length < 0 || pos + 12L + length > b.length) {
        break;
      }
      if (isType(b, pos + 4, "PLTE")) {
        palette = new byte[768];
        System.arraycopy(b, pos + 8, palette, 0, Math.min(768, length - length % 3));
      }
      if (isType(b, pos + 4, "IDAT") || isType(b, pos + 4, "IEND")) {
        break;
      }
      pos += 12 + length;
    }
    if (colorType == 3 && palette == null) {
      throw new InvalidInputException("cannot decode image " + name + ": palette PNG without PLTE");
    }
    return new PngHeader(width, height, bitDepth, colorType, palette);
  }

  private static boolean isType(byte[] b, int at, String type) {
    for (int i = 0; i < 4; i++) {
      if (b[at + i] != type.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }
}
