package dev.crossmodal.examples.server;

import dev.crossmodal.core.ImageSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** The media type of encoded image bytes, from their magic number rather than a file name. */
final class ImageTypes {
  private ImageTypes() {}

  /**
   * The media type of an image source: from a file name's extension when it has a usual one, so
   * that listing matches opens no file; otherwise from the first bytes of a local image.
   */
  static String contentType(ImageSource source) {
    String name = source.name().toLowerCase(Locale.ROOT);
    String extension = name.substring(name.lastIndexOf('.') + 1);
    String known = switch (extension) {
      case "jpg", "jpeg" -> "image/jpeg";
      case "png" -> "image/png";
      case "gif" -> "image/gif";
      case "bmp" -> "image/bmp";
      case "webp" -> "image/webp";
      case "tif", "tiff" -> "image/tiff";
      case "ico" -> "image/vnd.microsoft.icon";
      case "tga" -> "image/x-tga";
      case "pbm", "pgm", "ppm", "pnm" -> "image/x-portable-anymap";
      case "jp2", "j2k" -> "image/jp2";
      default -> null;
    };
    if (known != null) {
      return known;
    }
    if (!(source instanceof ImageSource.FileImage) && !(source instanceof ImageSource.BytesImage)) {
      return "application/octet-stream"; // a remote image is never fetched just to name its type
    }
    try (InputStream in = source.open()) {
      return contentType(in.readNBytes(12));
    } catch (IOException e) {
      return "application/octet-stream";
    }
  }

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
    if (starts(b, 'I', 'I', 42, 0) || starts(b, 'M', 'M', 0, 42)) {
      return "image/tiff";
    }
    if (starts(b, 0, 0, 1, 0)) {
      return "image/vnd.microsoft.icon";
    }
    if (starts(b, 0, 0, 0, 0x0c, 'j', 'P', ' ', ' ') || starts(b, 0xff, 0x4f, 0xff, 0x51)) {
      return "image/jp2";
    }
    if (b.length >= 2 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6') {
      return "image/x-portable-anymap";
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
