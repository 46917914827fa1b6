package dev.crossmodal.clip.text;

import java.text.Normalizer;

/**
 * A port of ftfy's {@code fix_text} with its default settings (ftfy 6.x, Robyn Speer, Apache-2.0;
 * see {@code FTFY-NOTICE.txt} next to this class), the first step of openai/CLIP's text clean-up.
 *
 * <p>Each line (up to and including its {@code \n}) is fixed on its own, repeating these steps
 * until the line no longer changes:
 *
 * <ol>
 *   <li>HTML entities that end in {@code ;} are decoded, unless a {@code <} has appeared in this or
 *       an earlier line (then the text is taken to be real HTML and left alone);
 *   <li>mojibake is repaired: text that looks like UTF-8 decoded with Latin-1, a Windows code page,
 *       ISO-8859-2, MacRoman or CP437 is re-encoded and decoded as UTF-8, including double
 *       encodings, no-break spaces turned into spaces, lost bytes and mojibake embedded in good text;
 *   <li>C1 control characters become the Windows-1252 characters they stand for;
 *   <li>Latin ligatures ({@code ﬁ}) are taken apart, fullwidth and halfwidth forms get their usual
 *       width, curly quotes and apostrophes become straight ones, line breaks become {@code \n},
 *       unpaired surrogates become U+FFFD, ANSI terminal escapes and invisible control characters
 *       are removed;
 *   <li>the text is put in Unicode NFC.
 * </ol>
 *
 * <pre>{@code
 * TextFixer.fixText("The cafÃ© doesnâ€™t open till 9");   // "The café doesn't open till 9"
 * TextFixer.fixText("ＬＯＵＤ　ＮＯＩＳＥＳ");                // "LOUD NOISES"
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class TextFixer {
  /** ftfy's {@code max_decode_length}: longer lines are fixed in pieces of this many code points. */
  static final int MAX_SEGMENT_CODE_POINTS = 1_000_000;

  private TextFixer() {}

  /**
   * {@return ftfy's {@code fix_text(text)} with default settings}
   *
   * @param text the text to repair
   */
  public static String fixText(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean unescapeHtml = true;
    int pos = 0;
    while (pos < text.length()) {
      int newline = text.indexOf('\n', pos);
      int end = newline < 0 ? text.length() : newline + 1;
      if (text.codePointCount(pos, end) > MAX_SEGMENT_CODE_POINTS) {
        end = text.offsetByCodePoints(pos, MAX_SEGMENT_CODE_POINTS);
      }
      String segment = text.substring(pos, end);
      // As in ftfy, one '<' turns HTML unescaping off for the rest of the text, not just its line.
      if (unescapeHtml && segment.indexOf('<') >= 0) {
        unescapeHtml = false;
      }
      out.append(fixSegment(segment, unescapeHtml));
      pos = end;
    }
    return out.toString();
  }

  /**
   * {@return ftfy's {@code fix_encoding(text)}: only the mojibake repair, repeated until nothing changes}
   *
   * @param text the text to repair
   */
  public static String fixEncoding(String text) {
    return EncodingFixer.fixEncoding(text);
  }

  private static String fixSegment(String text, boolean unescapeHtml) {
    while (true) {
      String original = text;
      if (unescapeHtml) {
        text = HtmlEntities.unescape(text);
      }
      text = EncodingFixer.fixEncoding(text);
      text = EncodingFixer.fixC1Controls(text);
      text = CharacterFixes.fixLatinLigatures(text);
      text = CharacterFixes.fixCharacterWidth(text);
      text = CharacterFixes.uncurlQuotes(text);
      text = CharacterFixes.fixLineBreaks(text);
      text = CharacterFixes.fixSurrogates(text);
      text = CharacterFixes.removeTerminalEscapes(text);
      text = CharacterFixes.removeControlChars(text);
      if (!Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
        text = Normalizer.normalize(text, Normalizer.Form.NFC);
      }
      if (text.equals(original)) {
        return text;
      }
    }
  }
}
