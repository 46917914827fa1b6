package dev.crossmodal.image;

/**
 * The few facts about a JPEG that decoding needs before any pixel is read: the frame size, the
 * number of colour components and the Adobe colour transform, taken from the marker segments up
 * to the first scan.
 */
record JpegHeader(int width, int height, int components, int adobeTransform) {

  static boolean isJpeg(byte[] b) {
    return b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF;
  }

  /** The header, or {@code null} if no frame header precedes the first scan. */
  static JpegHeader parse(byte[] b) {
    int pos = 2;
    int transform = -1;
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
      if (marker == 0xDA || marker == 0xD9) {
        return null;
      }
      int length = ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
      int data = pos + 4;
      if (length < 2 || pos + 2 + length > b.length) {
        return null;
      }
      if (marker == 0xEE && length >= 14 && b[data] == 'A' && b[data + 1] == 'd'
          && b[data + 2] == 'o' && b[data + 3] == 'b' && b[data + 4] == 'e') {
        transform = b[data + 11] & 0xff;
      }
      if (isStartOfFrame(marker) && length >= 8) {
        int height = ((b[data + 1] & 0xff) << 8) | (b[data + 2] & 0xff);
        int width = ((b[data + 3] & 0xff) << 8) | (b[data + 4] & 0xff);
        int components = b[data + 5] & 0xff;
        return new JpegHeader(width, height, components, scanAdobe(b, pos + 2 + length, transform));
      }
      pos += 2 + length;
    }
    return null;
  }

  /** An Adobe segment may also follow the frame header. */
  private static int scanAdobe(byte[] b, int pos, int transform) {
    while (pos + 4 <= b.length && (b[pos] & 0xff) == 0xFF) {
      int marker = b[pos + 1] & 0xff;
      if (marker == 0xDA || marker == 0xD9 || marker == 0xFF) {
        break;
      }
      int length = ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
      int data = pos + 4;
      if (length < 2 || pos + 2 + length > b.length) {
        break;
      }
      if (marker == 0xEE && length >= 14 && b[data] == 'A' && b[data + 1] == 'd') {
        transform = b[data + 11] & 0xff;
      }
      pos += 2 + length;
    }
    return transform;
  }

  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }
}
