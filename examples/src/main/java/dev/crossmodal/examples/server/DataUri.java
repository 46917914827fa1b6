package dev.crossmodal.examples.server;

import java.util.Base64;
import java.util.Locale;

/**
 * Decodes {@code data:image/jpeg;base64,...} URIs as browsers and Jina Box send uploaded images.
 * Only base64 image payloads are accepted: the percent-encoded form is for text.
 */
final class DataUri {
  private DataUri() {}

  static boolean looksLikeOne(String value) {
    return value.regionMatches(true, 0, "data:", 0, 5);
  }

  /**
   * The payload bytes.
   *
   * @throws HttpError (400) if the URI is malformed, not base64, not an image type, or empty
   */
  static byte[] decodeImage(String uri) {
    int comma = uri.indexOf(',');
    if (!looksLikeOne(uri) || comma < 0) {
      throw HttpError.badRequest("malformed data URI: expected data:image/...;base64,<data>");
    }
    String header = uri.substring(5, comma).toLowerCase(Locale.ROOT);
    if (!header.endsWith(";base64")) {
      throw HttpError.badRequest("data URI must be base64-encoded (data:image/...;base64,...)");
    }
    String mediaType = header.substring(0, header.length() - ";base64".length());
    int parameters = mediaType.indexOf(';');
    if (parameters >= 0) {
      mediaType = mediaType.substring(0, parameters);
    }
    if (!mediaType.isEmpty() && !mediaType.startsWith("image/")) {
      throw HttpError.badRequest("data URI must hold an image, not " + mediaType);
    }
    byte[] bytes;
    try {
      // Line breaks are allowed in base64 bodies; anything else outside the alphabet is an error.
      bytes = Base64.getDecoder().decode(uri.substring(comma + 1).replaceAll("\\s+", ""));
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest("data URI is not valid base64: " + e.getMessage());
    }
    if (bytes.length == 0) {
      throw HttpError.badRequest("data URI holds no bytes");
    }
    return bytes;
  }
}
