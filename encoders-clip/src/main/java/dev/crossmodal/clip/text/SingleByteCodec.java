package dev.crossmodal.clip.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;

/**
 * A single-byte character map as ftfy uses it to undo mojibake: one of the plain code pages, or a
 * "sloppy" one (ftfy's {@code bad_codecs.sloppy}) whose unassigned bytes decode to the Latin-1
 * character of the same number, as browsers do, and whose byte {@code 0x1A} stands for U+FFFD so
 * that text with lost bytes can still be re-encoded.
 *
 * <p>The tables come from the JDK's charsets, which agree byte for byte with Python's codecs for
 * all ten code pages ftfy tries (checked when the corpus was generated).
 */
final class SingleByteCodec {
  private static final char UNASSIGNED = '\uFFFD';

  private final String name;
  private final char[] decode = new char[256];
  private final boolean[] assigned = new boolean[256];
  /** The characters that have a byte, sorted, and that byte for each (binary search, no boxing). */
  private final char[] encodable;

  private final char[] byteOf;

  private SingleByteCodec(String name, String javaCharset, boolean sloppy) {
    this.name = name;
    byte[] all = new byte[256];
    for (int b = 0; b < 256; b++) {
      all[b] = (byte) b;
    }
    String decoded;
    try {
      decoded =
          Charset.forName(javaCharset)
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)
              .replaceWith(String.valueOf(UNASSIGNED))
              .decode(ByteBuffer.wrap(all))
              .toString();
    } catch (CharacterCodingException | UnsupportedCharsetException e) {
      throw new IllegalStateException(
          "this Java runtime lacks charset " + javaCharset + " (module jdk.charsets)", e);
    }
    for (int b = 0; b < 256; b++) {
      char c = decoded.charAt(b);
      assigned[b] = c != UNASSIGNED;
      decode[b] = assigned[b] || !sloppy ? c : (char) b;
    }
    if (sloppy) {
      decode[0x1A] = UNASSIGNED;
    }
    char[][] pairs = new char[256][];
    int n = 0;
    for (int b = 0; b < 256; b++) {
      if (assigned[b] || sloppy) {
        pairs[n++] = new char[] {decode[b], (char) b};
      }
    }
    pairs = Arrays.copyOf(pairs, n);
    Arrays.sort(pairs, (x, y) -> Character.compare(x[0], y[0]));
    encodable = new char[n];
    byteOf = new char[n];
    for (int i = 0; i < n; i++) {
      if (i > 0 && pairs[i][0] == pairs[i - 1][0]) {
        throw new IllegalStateException(name + ": two bytes decode to U+" + Integer.toHexString(pairs[i][0]));
      }
      encodable[i] = pairs[i][0];
      byteOf[i] = pairs[i][1];
    }
  }

  static SingleByteCodec plain(String name, String javaCharset) {
    return new SingleByteCodec(name, javaCharset, false);
  }

  static SingleByteCodec sloppy(String name, String javaCharset) {
    return new SingleByteCodec(name, javaCharset, true);
  }

  String name() {
    return name;
  }

  boolean isSloppy() {
    return name.startsWith("sloppy-");
  }

  /** Whether every character of {@code text} has a byte here (ftfy's {@code possible_encoding}). */
  boolean canEncode(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Arrays.binarySearch(encodable, text.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The bytes of {@code text}, one char per byte (0..255), so that byte-level regular expressions
   * can run on them; call only when {@link #canEncode} holds.
   */
  String encodeToByteString(String text) {
    char[] out = new char[text.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = byteOf[Arrays.binarySearch(encodable, text.charAt(i))];
    }
    return new String(out);
  }

  /** Decodes a byte string (chars 0..255) through the table. */
  String decode(CharSequence bytes) {
    char[] out = new char[bytes.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = decode[bytes.charAt(i)];
    }
    return new String(out);
  }

  /** Decodes strictly: {@code null} if a byte is unassigned in this code page. */
  String decodeStrict(CharSequence bytes) {
    for (int i = 0; i < bytes.length(); i++) {
      if (!assigned[bytes.charAt(i)]) {
        return null;
      }
    }
    return decode(bytes);
  }

  /** The characters bytes {@code from..to} (inclusive) decode to. */
  String charactersOf(int from, int to) {
    return new String(decode, from, to - from + 1);
  }

  @Override
  public String toString() {
    return name;
  }
}
