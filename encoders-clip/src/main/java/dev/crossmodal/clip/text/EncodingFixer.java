package dev.crossmodal.clip.text;

import java.util.List;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ftfy's {@code fix_encoding}: while the text {@linkplain Badness#isBad looks like mojibake},
 * re-encode it with the first single-byte code page that can represent it and decode the bytes as
 * UTF-8 (or CESU-8), after restoring no-break-space bytes that became spaces and marking lost bytes;
 * failing that, fix UTF-8 mojibake embedded in otherwise good text, then Latin-1 read in place of
 * Windows-1252, then lone C1 control characters.
 *
 * <p>Byte sequences are handled as "byte strings" (one char per byte, 0..255) so that ftfy's
 * byte-level regular expressions carry over unchanged.
 */
final class EncodingFixer {
  private static final SingleByteCodec LATIN_1 = SingleByteCodec.plain("latin-1", "ISO-8859-1");
  private static final SingleByteCodec SLOPPY_1252 =
      SingleByteCodec.sloppy("sloppy-windows-1252", "windows-1252");
  private static final SingleByteCodec STRICT_1252 =
      SingleByteCodec.plain("windows-1252", "windows-1252");
  private static final SingleByteCodec MACROMAN = SingleByteCodec.plain("macroman", "x-MacRoman");

  /** The code pages ftfy tries, in its order (chardata.CHARMAP_ENCODINGS). */
  private static final List<SingleByteCodec> CHARMAP_ENCODINGS =
      List.of(
          LATIN_1,
          SLOPPY_1252,
          SingleByteCodec.sloppy("sloppy-windows-1251", "windows-1251"),
          SingleByteCodec.sloppy("sloppy-windows-1250", "windows-1250"),
          SingleByteCodec.sloppy("sloppy-windows-1253", "windows-1253"),
          SingleByteCodec.sloppy("sloppy-windows-1254", "windows-1254"),
          SingleByteCodec.sloppy("sloppy-windows-1257", "windows-1257"),
          SingleByteCodec.plain("iso-8859-2", "ISO-8859-2"),
          MACROMAN,
          SingleByteCodec.plain("cp437", "IBM437"));

  /**
   * UTF-8 sequences that would be valid had a byte A0 not been turned into a space; only lead
   * bytes that then give likely characters are accepted (chardata.ALTERED_UTF8_RE).
   */
  private static final Pattern ALTERED_UTF8 =
      Pattern.compile(
          "[\\xc2\\xc3\\xc5\\xce\\xd0\\xd9] "
              + "|[\\xe2\\xe3] [\\x80-\\x84\\x86-\\x9f\\xa1-\\xbf]"
              + "|[\\xe0-\\xe3][\\x80-\\x84\\x86-\\x9f\\xa1-\\xbf] "
              + "|\\xf0 [\\x80-\\xbf][\\x80-\\xbf]"
              + "|\\xf0[\\x80-\\xbf] [\\x80-\\xbf]"
              + "|\\xf0[\\x80-\\xbf][\\x80-\\xbf] ");

  /**
   * "Ã " standing alone is nearly always "à " whose no-break space became a space; Portuguese "às"
   * and "àquele"/"àquela"/"àquilo" are the exceptions (fixes.A_GRAVE_WORD_RE).
   */
  private static final Pattern A_GRAVE_WORD = Pattern.compile("\\xc3 (?! |quele|quela|quilo|s )");

  /**
   * UTF-8 (and CESU-8) sequences some of whose bytes were lost: byte 1A stands for a byte that a
   * sloppy code page decoded as U+FFFD, and '?' is allowed once (chardata.LOSSY_UTF8_RE).
   */
  private static final Pattern LOSSY_UTF8 =
      Pattern.compile(
          "[\\xc2-\\xdf]\\x1a"
              + "|[\\xc2-\\xc3]\\?"
              + "|\\xed[\\xa0-\\xaf][\\x1a?]\\xed[\\xb0-\\xbf][\\x1a?\\x80-\\xbf]"
              + "|\\xed[\\xa0-\\xaf][\\x1a?\\x80-\\xbf]\\xed[\\xb0-\\xbf][\\x1a?]"
              + "|[\\xe0-\\xef][\\x1a?][\\x1a\\x80-\\xbf]"
              + "|[\\xe0-\\xef][\\x1a\\x80-\\xbf][\\x1a?]"
              + "|[\\xf0-\\xf4][\\x1a?][\\x1a\\x80-\\xbf][\\x1a\\x80-\\xbf]"
              + "|[\\xf0-\\xf4][\\x1a\\x80-\\xbf][\\x1a?][\\x1a\\x80-\\xbf]"
              + "|[\\xf0-\\xf4][\\x1a\\x80-\\xbf][\\x1a\\x80-\\xbf][\\x1a?]"
              + "|\\x1a");

  private static final String REPLACEMENT_UTF8 = "\u00ef\u00bf\u00bd";

  private static final Pattern C1_CONTROL = Pattern.compile("[\\x80-\\x9f]");

  private static final Pattern UTF8_DETECTOR = utf8Detector();

  private EncodingFixer() {}

  /** ftfy's {@code fix_encoding} with default settings: one-step fixes until nothing changes. */
  static String fixEncoding(String text) {
    while (true) {
      String fixed = fixOneStep(text);
      if (fixed.equals(text)) {
        return fixed;
      }
      text = fixed;
    }
  }

  private static String fixOneStep(String text) {
    if (text.isEmpty() || isAscii(text) || !Badness.isBad(text)) {
      return text;
    }
    boolean latin1Possible = false;
    for (SingleByteCodec codec : CHARMAP_ENCODINGS) {
      if (!codec.canEncode(text)) {
        continue;
      }
      latin1Possible |= codec == LATIN_1;
      String bytes = codec.encodeToByteString(text);
      if (codec != MACROMAN && ALTERED_UTF8.matcher(bytes).find()) {
        bytes = restoreByteA0(bytes);
      }
      if (codec.isSloppy()) {
        bytes = LOSSY_UTF8.matcher(bytes).replaceAll(REPLACEMENT_UTF8);
      }
      String decoded = Utf8Variants.decode(bytes);
      if (decoded != null) {
        return decoded;
      }
    }
    if (UTF8_DETECTOR.matcher(text).find()) {
      String fixed = decodeInconsistentUtf8(text);
      if (!fixed.equals(text)) {
        return fixed;
      }
    }
    // ftfy compares with the name "windows-1252", which is never among the tried encodings, so
    // Latin-1 text is always re-read as strict Windows-1252 here; kept for identical results.
    if (latin1Possible) {
      String fixed = STRICT_1252.decodeStrict(LATIN_1.encodeToByteString(text));
      if (fixed != null && !fixed.equals(text)) {
        return fixed;
      }
    }
    if (CharacterFixes.contains(text, '\u0080', '\u009f')) {
      return fixC1Controls(text);
    }
    return text;
  }

  /** Puts back the A0 bytes of UTF-8 sequences in which they became spaces (fixes.restore_byte_a0). */
  static String restoreByteA0(String bytes) {
    String aGrave = A_GRAVE_WORD.matcher(bytes).replaceAll("\u00c3\u00a0 ");
    return replace(ALTERED_UTF8, aGrave, m -> m.group().replace(' ', '\u00a0'));
  }

  /** Fixes each stretch of UTF-8 mojibake that looks bad on its own (fixes.decode_inconsistent_utf8). */
  static String decodeInconsistentUtf8(String text) {
    return replace(
        UTF8_DETECTOR,
        text,
        m -> {
          String part = m.group();
          return part.length() < text.length() && Badness.isBad(part) ? fixEncoding(part) : part;
        });
  }

  /** Reads C1 control characters as the Windows-1252 characters they stand for, as browsers do. */
  static String fixC1Controls(String text) {
    if (!CharacterFixes.contains(text, '\u0080', '\u009f')) {
      return text;
    }
    return replace(C1_CONTROL, text, m -> SLOPPY_1252.decode(m.group()));
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0x7F) {
        return false;
      }
    }
    return true;
  }

  private static String replace(Pattern pattern, String text, Function<MatchResult, String> with) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    do {
      out.append(text, last, m.start()).append(with.apply(m));
      last = m.end();
    } while (m.find());
    return out.append(text, last, text.length()).toString();
  }

  /**
   * Runs of characters that, read back through Latin-1 or a Windows code page, are UTF-8 lead bytes
   * followed by continuation bytes (chardata.UTF8_DETECTOR_RE), not preceded by a character that is
   * only ever a continuation byte. The character sets are derived from the code pages, as ftfy's
   * generated tables are: Latin-1 and sloppy Windows-1250 to 1254 and 1257.
   */
  private static Pattern utf8Detector() {
    List<SingleByteCodec> sources = CHARMAP_ENCODINGS.subList(0, 7);
    String firstOf2 = charactersOf(sources, 0xC2, 0xDF);
    String firstOf3 = charactersOf(sources, 0xE0, 0xEF);
    String firstOf4 = charactersOf(sources, 0xF0, 0xF0) + charactersOf(sources, 0xF3, 0xF3);
    String continuation = charactersOf(sources, 0x80, 0xBF);
    // Spaces may stand for no-break spaces; punctuation that commonly stands for itself next to
    // mojibake does not rule out a fix before it.
    String loose = " \u2013\u2014\u2015\u2018\u2019\u201a\u201c\u201d\u201e\u2022\u2026";
    StringBuilder strict = new StringBuilder();
    continuation.codePoints().filter(c -> loose.indexOf(c) < 0).forEach(strict::appendCodePoint);
    String cont = Badness.regexClass(" " + continuation);
    return Pattern.compile(
        "(?<!"
            + Badness.regexClass(strict.toString())
            + ")(?:"
            + Badness.regexClass(firstOf2)
            + cont
            + "|"
            + Badness.regexClass(firstOf3)
            + cont
            + "{2}|"
            + Badness.regexClass(firstOf4)
            + cont
            + "{3})+");
  }

  private static String charactersOf(List<SingleByteCodec> codecs, int from, int to) {
    StringBuilder out = new StringBuilder();
    for (SingleByteCodec codec : codecs) {
      out.append(codec.charactersOf(from, to));
    }
    return out.toString();
  }
}
