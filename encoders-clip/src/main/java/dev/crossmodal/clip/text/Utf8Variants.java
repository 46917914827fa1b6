package dev.crossmodal.clip.text;

/**
 * Strict UTF-8 decoding, plus the two variants ftfy's {@code utf-8-variants} codec accepts: CESU-8
 * (a supplementary character written as two encoded UTF-16 surrogates, six bytes) and Java's
 * modified UTF-8 null ({@code C0 80}). Anything else that strict UTF-8 rejects (overlong forms, lone
 * encoded surrogates, truncated sequences) makes the whole decoding fail, as in Python.
 */
final class Utf8Variants {
  private Utf8Variants() {}

  /**
   * Decodes a byte string (one char per byte, 0..255).
   *
   * @return the text, or {@code null} if the bytes are not UTF-8 or one of its variants
   */
  static String decode(CharSequence bytes) {
    StringBuilder out = new StringBuilder(bytes.length());
    int n = bytes.length();
    int i = 0;
    while (i < n) {
      int b0 = bytes.charAt(i);
      if (b0 < 0x80) {
        out.append((char) b0);
        i++;
        continue;
      }
      if (b0 == 0xC0 && i + 1 < n && bytes.charAt(i + 1) == 0x80) {
        out.append('\0');
        i += 2;
        continue;
      }
      if (b0 == 0xED && isCesu8Pair(bytes, i)) {
        int cp =
            ((bytes.charAt(i + 1) & 0x0F) << 16)
                + ((bytes.charAt(i + 2) & 0x3F) << 10)
                + ((bytes.charAt(i + 4) & 0x0F) << 6)
                + (bytes.charAt(i + 5) & 0x3F)
                + 0x10000;
        out.appendCodePoint(cp);
        i += 6;
        continue;
      }
      int length;
      int cp;
      int lowest = 0x80;
      int highest = 0xBF;
      if (b0 >= 0xC2 && b0 <= 0xDF) {
        length = 2;
        cp = b0 & 0x1F;
      } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        cp = b0 & 0x0F;
        if (b0 == 0xE0) {
          lowest = 0xA0;
        } else if (b0 == 0xED) {
          highest = 0x9F;
        }
      } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        cp = b0 & 0x07;
        if (b0 == 0xF0) {
          lowest = 0x90;
        } else if (b0 == 0xF4) {
          highest = 0x8F;
        }
      } else {
        return null;
      }
      if (i + length > n) {
        return null;
      }
      for (int k = 1; k < length; k++) {
        int b = bytes.charAt(i + k);
        int lo = k == 1 ? lowest : 0x80;
        int hi = k == 1 ? highest : 0xBF;
        if (b < lo || b > hi) {
          return null;
        }
        cp = (cp << 6) | (b & 0x3F);
      }
      out.appendCodePoint(cp);
      i += length;
    }
    return out.toString();
  }

  /** {@code ED A0-AF 80-BF ED B0-BF 80-BF}: a high and a low surrogate, each encoded as UTF-8. */
  private static boolean isCesu8Pair(CharSequence b, int i) {
    return i + 6 <= b.length()
        && in(b.charAt(i + 1), 0xA0, 0xAF)
        && in(b.charAt(i + 2), 0x80, 0xBF)
        && b.charAt(i + 3) == 0xED
        && in(b.charAt(i + 4), 0xB0, 0xBF)
        && in(b.charAt(i + 5), 0x80, 0xBF);
  }

  private static boolean in(int b, int lo, int hi) {
    return b >= lo && b <= hi;
  }
}
