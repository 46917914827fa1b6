package dev.crossmodal.image;

import dev.crossmodal.core.InvalidInputException;

/**
 * The PNG facts that decide Pillow's mode (colour type, bit depth) and the palette, read from the
 * chunks before the image data, and the total length of the image data chunks, which bounds how
 * many pixels the file can really hold.
 */
record PngHeader(
    int width, int height, int bitDepth, int colorType, byte[] palette, long imageDataBytes) {
  /**
   * Deflate codes at most 258 bytes in 2 bits (a length and a distance symbol of one bit each), so
   * no zlib stream inflates more than 1032 times its size; rounded up for the stream's framing.
   */
  private static final long MAX_INFLATE_RATIO = 1040;
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
    long imageData = 0;
    int pos = 8;
    while (pos + 8 <= b.length) {
      int length = readInt(b, pos);
      if (length < 0) {
        break;
      }
      // A chunk cut short by the end of the file still counts what is there.
      int available = (int) Math.min(length, Math.max(0, b.length - (pos + 8L)));
      if (isType(b, pos + 4, "PLTE") && palette == null && imageData == 0) {
        palette = new byte[768];
        System.arraycopy(b, pos + 8, palette, 0, Math.min(768, available - available % 3));
      }
      if (isType(b, pos + 4, "IDAT")) {
        imageData += available;
      }
      if (isType(b, pos + 4, "IEND") || pos + 12L + length > b.length) {
        break;
      }
      pos += 12 + length;
    }
    if (colorType == 3 && palette == null) {
      throw new InvalidInputException("cannot decode image " + name + ": palette PNG without PLTE");
    }
    return new PngHeader(width, height, bitDepth, colorType, palette, imageData);
  }

  /**
   * Whether the image data is provably too short for the declared size: even at deflate's
   * largest ratio it cannot inflate to the declared samples (counted without filter bytes or row
   * padding, so the bound holds for interlaced images too), so decoding would run out of data,
   * which Pillow refuses as a truncated file.
   */
  boolean imageDataTruncated() {
    int channels =
        switch (colorType) {
          case 2 -> 3;
          case 4 -> 2;
          case 6 -> 4;
          default -> 1;
        };
    long sampleBytes = (long) width * height * channels * Math.max(1, bitDepth) / 8;
    return imageDataBytes * MAX_INFLATE_RATIO < sampleBytes;
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
