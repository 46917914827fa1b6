package dev.crossmodal.examples.server;

/** The media type of encoded image bytes, from their magic number rather than a file name. */
final class ImageTypes {
  private ImageTypes() {}

  static String contentType(byte[] b) {
    if (starts(b, 0xff, 0xd8, 0xff)) {
      return "image/jpeg";
    }
    if (starts(b, 0x89, 'P', 'N', 'G')) {
      return "image/png";
    }
    if (starts(b, 'G', 'I', 'F', '8')) {
      return "image/gif";
    }
    if (starts(b, 'B', 'M')) {
      return "image/bmp";
    }
    if (b.length >= 12 && starts(b, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
        && b[11] == 'P') {
      return "image/webp";
    }
    return "application/octet-stream";
  }

  private static boolean starts(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
