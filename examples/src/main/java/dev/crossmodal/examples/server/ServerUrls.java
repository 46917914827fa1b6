package dev.crossmodal.examples.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** URLs of this server's resources: image links in responses, and ids back out of paths. */
final class ServerUrls {
  static final String IMAGES = "/images/";
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

  private ServerUrls() {}

  /**
   * {@code http://host:port} as the client addressed the server (its Host header), so that links
   * work from the client's side of a proxy or port mapping; the bound address otherwise.
   */
  static String base(Exchange exchange) {
    String host = exchange.requestHeader("Host");
    if (host != null && HOST.matcher(host).matches()) {
      return "http://" + host;
    }
    return exchange.localOrigin();
  }

  /** {@code /images/<id>} with every byte outside the unreserved set percent-encoded. */
  static String imagePath(String id) {
    StringBuilder out = new StringBuilder(IMAGES);
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /**
   * Decodes the percent-encoded id of a raw {@code /images/...} path.
   *
   * @throws HttpError (400) for a malformed escape
   */
  static String decodeId(String rawSegment) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < rawSegment.length(); i++) {
      char c = rawSegment.charAt(i);
      if (c == '%') {
        if (i + 2 >= rawSegment.length()) {
          throw HttpError.badRequest("malformed escape in image id");
        }
        int hi = Character.digit(rawSegment.charAt(i + 1), 16);
        int lo = Character.digit(rawSegment.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw HttpError.badRequest("malformed escape in image id");
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
